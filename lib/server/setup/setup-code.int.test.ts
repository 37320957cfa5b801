import { describe, expect, it, vi } from "vitest";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";

/**
 * Issue 12, finding 6: until the first admin exists, POST /api/setup from
 * another machine needs the one-time code the server prints at startup;
 * from this machine (loopback, no proxy in between) it doesn't.
 *
 * "Another machine" is simulated at the edge's seam: the request carries the
 * private headers the edge (client-address-edge.ts) sets from the socket
 * address — built by `edgeHeaders`, the function the edge itself uses — with
 * a non-loopback address. (Binding a second address in a network namespace
 * would test the kernel, not this rule; the edge's stamping of the real
 * socket address is tested on a real socket in client-address.test.ts.)
 */
const load = async () => ({
  setup: await import("@/app/api/setup/route"),
  ...(await import("@/lib/server/http/client-address")),
  ...(await import("@/lib/server/setup/setup-code")),
  ...(await import("@/lib/server/bootstrap")),
});

const ADMIN = { name: "Ada", email: "ada@corsboard.test", password: "correct horse battery" };
type Handler = (req: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>;

function describeSetup(title: string, body: (t: ReturnType<typeof useTestBackend<Awaited<ReturnType<typeof load>>>>) => void) {
  describe.each(TEST_BACKENDS)(`${title} (%s)`, (backend) => body(useTestBackend(backend, load)));
}

async function post(t: { m: Awaited<ReturnType<typeof load>> }, socket: string, payload: Record<string, unknown>) {
  t.m.markEdgeActive();
  const res = await (t.m.setup.POST as Handler)(
    new Request("http://localhost:3000/api/setup", { method: "POST", headers: { "content-type": "application/json", ...t.m.edgeHeaders(socket) }, body: JSON.stringify(payload) }),
  );
  return { status: res.status, json: (await res.json()) as { code?: string; errors?: { field: string }[] } };
}

/** The code as a person reads it: from what the server printed while starting. */
async function printedCode(t: { m: Awaited<ReturnType<typeof load>> }): Promise<string> {
  const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
  try {
    await t.m.bootstrap();
    const printed = log.mock.calls.map((c) => String(c[0])).join("\n");
    const code = /one-time code: ([A-Z0-9-]+)/.exec(printed)?.[1];
    if (!code) throw new Error(`no setup code printed:\n${printed}`);
    return code;
  } finally {
    log.mockRestore();
  }
}

describeSetup("first-run setup from another machine", (t) => {
  it("is refused without the code and with a wrong one, and works with the printed code", async () => {
    const code = await printedCode(t);
    const get = await (t.m.setup.GET as Handler)(new Request("http://localhost:3000/api/setup", { headers: t.m.edgeHeaders("192.0.2.44") }));
    expect(await get.json()).toEqual({ needsSetup: true, setupCodeRequired: true });

    const without = await post(t, "192.0.2.44", ADMIN);
    expect(without.status).toBe(403);
    expect(without.json).toMatchObject({ code: "setup_code_required", errors: [{ field: "body.setupCode" }] });
    const wrong = await post(t, "192.0.2.44", { ...ADMIN, setupCode: "AAAA-BBBB-CCCC" });
    expect(wrong.status).toBe(403);
    expect(wrong.json).toMatchObject({ code: "setup_code_wrong" });
    // A loopback socket relaying someone else (a proxy on the same host) is not "this machine".
    t.m.markEdgeActive();
    const relayed = await (t.m.setup.POST as Handler)(
      new Request("http://localhost:3000/api/setup", {
        method: "POST",
        headers: { "content-type": "application/json", ...t.m.edgeHeaders("127.0.0.1", { forwardedFor: "203.0.113.9" }) },
        body: JSON.stringify(ADMIN),
      }),
    );
    expect(relayed.status).toBe(403);

    expect((await post(t, "192.0.2.44", { ...ADMIN, setupCode: code.toLowerCase() })).status).toBe(201);
    // One-time: setup is over, and says so to a remote caller holding the old code too (not "wrong code").
    const again = await post(t, "192.0.2.44", { ...ADMIN, email: "eve@corsboard.test", setupCode: code });
    expect([again.status, again.json.code]).toEqual([409, "setup_done"]);
    expect((await post(t, "127.0.0.1", { ...ADMIN, email: "eve@corsboard.test" })).json.code).toBe("setup_done");
  });
});

describeSetup("first-run setup on the server's machine", (t) => {
  it("needs no code over loopback", async () => {
    await printedCode(t);
    const get = await (t.m.setup.GET as Handler)(new Request("http://localhost:3000/api/setup", { headers: t.m.edgeHeaders("::1") }));
    expect(await get.json()).toEqual({ needsSetup: true, setupCodeRequired: false });
    expect((await post(t, "::ffff:127.0.0.1", ADMIN)).status).toBe(201);
  });
});

describeSetup("first-run setup over loopback addressed to another name", (t) => {
  it("needs the code when the request is addressed to another name (DNS rebinding: a page of attacker.example re-resolved to 127.0.0.1, in the operator's browser)", async () => {
    const code = await printedCode(t);
    t.m.markEdgeActive();
    const ask = async (host: string) => {
      const get = await (t.m.setup.GET as Handler)(new Request("http://localhost:3000/api/setup", { headers: { host, ...t.m.edgeHeaders("127.0.0.1") } }));
      return ((await get.json()) as { setupCodeRequired: boolean }).setupCodeRequired;
    };
    expect(await ask("rebind.attacker.example:3000")).toBe(true);
    expect(await ask("localhost.attacker.example")).toBe(true);
    expect(await ask("localhost:3000")).toBe(false);
    expect(await ask("app.localhost:3000")).toBe(false);
    expect(await ask("127.0.0.1:3000")).toBe(false);
    expect(await ask("[::1]:3000")).toBe(false);

    const rebound = (setupCode?: string) =>
      (t.m.setup.POST as Handler)(
        new Request("http://localhost:3000/api/setup", {
          method: "POST",
          headers: { "content-type": "application/json", host: "rebind.attacker.example:3000", origin: "http://rebind.attacker.example:3000", ...t.m.edgeHeaders("127.0.0.1") },
          body: JSON.stringify({ ...ADMIN, ...(setupCode ? { setupCode } : {}) }),
        }),
      );
    expect((await rebound()).status).toBe(403);
    expect((await rebound(code)).status).toBe(201);
  });
});
