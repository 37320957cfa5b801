import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { actorHeaders, stubUser } from "@/lib/server/test-support/authenticate-stub";
import { SCENARIO_ORIGIN, startScenarioServer, type ScenarioServer } from "@/lib/server/probe/test-support/scenario-server";

/**
 * POST /api/v1/probe through its route handler. Authentication is replaced by
 * the shared stub (a viewer named `who`, a config-read token, or nobody):
 * sessions and tokens themselves are covered by the editing-route tests and
 * e2e/route-auth.spec.ts.
 */
vi.mock("@/lib/server/auth/authenticate", () => import("@/lib/server/test-support/authenticate-stub"));

/**
 * DNS for the SSRF tests: names under `.ssrf.example` answer from FAKE_DNS
 * (a list of answers, one per lookup, the last repeating), everything else
 * from the real resolver. The probe's system resolver is node:dns/promises.
 */
const FAKE_DNS = new Map<string, { answers: { address: string; family: 4 | 6 }[][]; asked: number }>();
vi.mock("node:dns/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:dns/promises")>();
  const lookup = async (hostname: string, options?: unknown) => {
    const fake = FAKE_DNS.get(hostname);
    if (fake === undefined) return (real.lookup as (h: string, o?: unknown) => Promise<unknown>)(hostname, options);
    const answer = fake.answers[Math.min(fake.asked, fake.answers.length - 1)] ?? [];
    fake.asked++;
    return answer;
  };
  return { ...real, default: { ...real, lookup }, lookup };
});

type Handler = (req: Request) => Promise<Response>;

async function load(allowPrivate: "0" | "1"): Promise<Handler> {
  vi.resetModules();
  process.env.CORSBOARD_PROBE_ALLOW_PRIVATE = allowPrivate;
  process.env.CORSBOARD_PROBE_HOST_MAP = "";
  process.env.LOG_LEVEL = "silent";
  return (await import("@/app/api/v1/probe/route")).POST as Handler;
}

const CONFIG_TOKEN: Actor = { kind: "token", id: "t1", name: "svc", scope: "config_read", projectId: "p", environmentId: "e", role: null };

/** `who`: "none" (no caller), "config" (a config-read token), or the id of a viewer. */
async function call(handler: Handler, who: string, body: unknown) {
  const actor = who === "none" ? {} : actorHeaders(who === "config" ? CONFIG_TOKEN : stubUser(who, "viewer"));
  const res = await handler(
    new Request("http://localhost:3000/api/v1/probe", { method: "POST", headers: { "content-type": "application/json", ...actor }, body: JSON.stringify(body) }),
  );
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> & { errors?: { field: string; message: string }[] } };
}

let server: ScenarioServer;
beforeAll(async () => {
  server = await startScenarioServer();
});
afterAll(async () => {
  delete process.env.CORSBOARD_PROBE_ALLOW_PRIVATE;
  await server.close();
});

describe("POST /api/v1/probe (default: private targets refused)", () => {
  it("401 without a caller, 403 for a config-read token", async () => {
    const handler = await load("0");
    expect((await call(handler, "none", {})).status).toBe(401);
    expect((await call(handler, "config", {})).status).toBe(403);
  });

  it("422 names each bad field", async () => {
    const handler = await load("0");
    const res = await call(handler, "viewer", { url: "ftp://x", origin: "https://app.example/", credentials: "same-origin", extra: 1 });
    expect(res.status).toBe(422);
    const fields = Object.fromEntries((res.json.errors ?? []).map((e) => [e.field, e.message]));
    expect(fields["body.url"]).toContain("Only http:// and https://");
    expect(fields["body.origin"]).toContain("https://app.example");
    expect(fields["body.credentials"]).toContain('"omit" or "include"');
    expect(fields["body.extra"]).toContain("Unknown field");
  });

  it("422 target_not_allowed for a loopback target, naming body.url and the variable that lifts it", async () => {
    const handler = await load("0");
    const res = await call(handler, "viewer", { url: `${server.base}/ok`, origin: SCENARIO_ORIGIN, method: "GET", headers: {}, credentials: "omit" });
    expect(res.status).toBe(422);
    expect(res.json.code).toBe("target_not_allowed");
    expect(res.json.errors?.[0]?.field).toBe("body.url");
    expect(String(res.json.detail)).toContain("CORSBOARD_PROBE_ALLOW_PRIVATE=1");
    expect(server.seen).toEqual([]);
  });
});

describe("POST /api/v1/probe SSRF refusals (no CORSBOARD_PROBE_ALLOW_PRIVATE)", () => {
  const LIFT = "Set CORSBOARD_PROBE_ALLOW_PRIVATE=1 on the Corsboard server to probe private addresses for local testing.";

  it.each([
    ["loopback", "http://127.0.0.1:8080/x", "127.0.0.1 is in 127.0.0.0/8 (loopback)"],
    ["10/8", "http://10.0.0.1/x", "10.0.0.1 is in 10.0.0.0/8 (private)"],
    ["cloud metadata", "http://169.254.169.254/latest/meta-data/", "169.254.169.254 is in 169.254.0.0/16 (link-local, cloud metadata)"],
    ["IPv6 loopback", "http://[::1]:8080/x", "::1 is in ::1 (loopback)"],
    ["IPv6 unique-local", "http://[fd00:ec2::254]/x", "fd00:ec2::254 is in fc00::/7 (unique local)"],
  ])("422 for a %s address, with a clear message on body.url", async (_what, url, where) => {
    const handler = await load("0");
    const res = await call(handler, "viewer-ssrf-literal", { url, origin: SCENARIO_ORIGIN });
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({ code: "target_not_allowed", errors: [{ field: "body.url", code: "target_not_allowed" }] });
    expect(res.json.detail).toBe(`Corsboard does not probe addresses on its own network: ${where}. ${LIFT}`);
    expect(res.json.errors?.[0]?.message).toBe(res.json.detail);
  });

  it.each([
    ["a private address", [[{ address: "10.1.2.3", family: 4 as const }]], "10.0.0.0/8 (private)", "10.1.2.3"],
    ["IPv6 unique-local", [[{ address: "fd12::7", family: 6 as const }]], "fc00::/7 (unique local)", "fd12::7"],
    ["one public and one private address", [[{ address: "1.2.3.4", family: 4 as const }, { address: "192.168.0.10", family: 4 as const }]], "192.168.0.0/16 (private)", "192.168.0.10"],
  ])("422 for a name resolving to %s, naming the range but not the internal address", async (_what, answers, range, address) => {
    const name = `n${FAKE_DNS.size}.ssrf.example`;
    FAKE_DNS.set(name, { answers, asked: 0 });
    const handler = await load("0");
    const res = await call(handler, "viewer-ssrf-name", { url: `https://${name}/orders`, origin: SCENARIO_ORIGIN });
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({ code: "target_not_allowed", errors: [{ field: "body.url" }] });
    expect(res.json.detail).toBe(`Corsboard does not probe addresses on its own network: ${name} resolves (from the Corsboard server) to an address in ${range}. ${LIFT}`);
    expect(JSON.stringify(res.json)).not.toContain(address);
  });

  it("DNS rebinding: the name answers 1.2.3.4, then 127.0.0.1; the probe stays on 1.2.3.4 and never connects to 127.0.0.1", async () => {
    let connections = 0;
    const local = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((done) => local.listen(0, "127.0.0.1", done));
    try {
      const port = (local.address() as AddressInfo).port;
      const dns = { answers: [[{ address: "1.2.3.4", family: 4 as const }], [{ address: "127.0.0.1", family: 4 as const }]], asked: 0 };
      FAKE_DNS.set("rebind.ssrf.example", dns);
      const handler = await load("0");
      const res = await call(handler, "viewer-ssrf-rebind", { url: `http://rebind.ssrf.example:${port}/x`, origin: SCENARIO_ORIGIN });
      expect(res.status).toBe(200);
      // 1.2.3.4 does not answer on that port: a network failure there, not a response from 127.0.0.1.
      expect(res.json).toMatchObject({ verdict: "blocked", stage: "actual", target: { host: "rebind.ssrf.example", address: "1.2.3.4", port }, failure: { rule: "actual-no-response" } });
      expect(dns.asked).toBe(1);
      expect(connections).toBe(0);
    } finally {
      await new Promise<void>((done) => local.close(() => done()));
    }
  });
});

describe("POST /api/v1/probe with CORSBOARD_PROBE_ALLOW_PRIVATE=1", () => {
  it("answers the verdict", async () => {
    const handler = await load("1");
    const res = await call(handler, "viewer-a", { url: `${server.base}/no-acao`, origin: SCENARIO_ORIGIN, method: "PUT", headers: { "Content-Type": "application/json" }, credentials: "include" });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ verdict: "blocked", stage: "preflight", failure: { rule: "allow-origin-missing" }, actual: null, preflight: { required: true, status: 204 } });
  });

  it("429 with Retry-After after 30 probes a minute from one caller", async () => {
    const handler = await load("1");
    const body = { url: "http://127.0.0.1:1/", origin: SCENARIO_ORIGIN };
    for (let i = 0; i < 30; i++) expect((await call(handler, "viewer-rl", body)).status).toBe(200);
    const limited = await call(handler, "viewer-rl", body);
    expect(limited.status).toBe(429);
    expect(limited.json.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await call(handler, "viewer-other", body)).status).toBe(200);
  });
});

// The result's signature is keyed by the app's secret; a fixed one keeps these tests off the database.
process.env.BETTER_AUTH_SECRET ??= "probe-route-test-secret-0123456789abcdef";

describe("POST /api/v1/probe: sendActual is not for viewers; results are signed", () => {
  it("403 naming body.sendActual for a viewer, and nothing is sent", async () => {
    const handler = await load("1");
    const before = server.seen.length;
    const res = await call(handler, "viewer-send-actual", { url: `${server.base}/ok`, origin: SCENARIO_ORIGIN, method: "PUT", sendActual: true });
    expect(res.status).toBe(403);
    expect(res.json.code).toBe("forbidden");
    expect(res.json.errors?.[0]?.field).toBe("body.sendActual");
    expect(server.seen.length).toBe(before);
  });

  it("answers the result plus a signature (an added field: the result's fields are unchanged)", async () => {
    const handler = await load("1");
    const res = await call(handler, "viewer-signed", { url: `${server.base}/ok`, origin: SCENARIO_ORIGIN, method: "PUT" });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ verdict: "allowed", stage: null, preflight: { required: true, status: 204 }, actual: null });
    expect(res.json.signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
