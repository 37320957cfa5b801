import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { createActors, type UserActor } from "@/lib/server/test-support/actors";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";
import { SCENARIO_ORIGIN, startScenarioServer, type ScenarioServer } from "@/lib/server/probe/test-support/scenario-server";
import { callRoute } from "@/lib/server/test-support/route-call";

/**
 * What a shared result can be trusted for: the probe part is signed by
 * POST /api/v1/probe and refused when forged; credential headers never reach
 * the database; saving costs a probe token. Authentication is a stub:
 * `x-test-actor` carries the actor as JSON.
 */
vi.mock("@/lib/server/auth/authenticate", () => import("@/lib/server/test-support/authenticate-stub"));

process.env.CORSBOARD_PROBE_ALLOW_PRIVATE = "1";
process.env.CORSBOARD_PROBE_RATE_LIMIT = "8";

const load = async () => ({
  probe: await import("@/app/api/v1/probe/route"),
  records: await import("@/app/api/v1/probe-records/route"),
  record: await import("@/app/api/v1/probe-records/[id]/route"),
});


const SECRET = "sk-live-0123456789";

let server: ScenarioServer;
beforeAll(async () => {
  server = await startScenarioServer();
});
afterAll(async () => {
  await server.close();
  delete process.env.CORSBOARD_PROBE_ALLOW_PRIVATE;
  delete process.env.CORSBOARD_PROBE_RATE_LIMIT;
});

const call = (handler: unknown, actor: Actor | null, body?: unknown, params: Record<string, string> = {}) => callRoute(handler, { actor, params, body });

describe.each(TEST_BACKENDS)("probe records: signed results, masked credentials on %s", (backend) => {
  const t = useTestBackend(backend, load);
  let actors: { admin: UserActor; editor: UserActor; viewer: UserActor };

  /** A PUT with an API key the scenario server allows: the preflight passes and (sendActual) the actual request carries the key. */
  const request = () => ({ url: `${server.base}/ok`, origin: SCENARIO_ORIGIN, method: "PUT", headers: { "X-Api-Key": SECRET, "Content-Type": "application/json" }, credentials: "omit" as const, sendActual: true });
  const save = (probeRequest: ReturnType<typeof request>, result: unknown, signature?: string) => ({
    mode: "browser",
    request: { ...probeRequest, browserCredentials: "omit", body: { type: "json", text: "{}" } },
    result,
    ...(signature === undefined ? {} : { signature }),
    browser: { outcome: "allowed", status: 200, durationMs: 3, pageOrigin: SCENARIO_ORIGIN },
  });

  beforeAll(async () => {
    actors = await createActors(t.app.client.prisma, `pr-${backend}`);
  });

  it("answers the probe with a signature and keeps the result's fields as before", async () => {
    const res = await call(t.m.probe.POST, actors.editor, request());
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ verdict: "allowed", actual: { status: 200 } });
    expect(typeof res.json.signature).toBe("string");
  });

  it("saves a genuine result with credentials masked, for everyone (author and viewers alike)", async () => {
    const probed = await call(t.m.probe.POST, actors.editor, request());
    const { signature, ...result } = probed.json;
    const created = await call(t.m.records.POST, actors.editor, save(request(), result, signature as string));
    expect(created.status, created.text).toBe(201);
    const id = (created.json as { id: string }).id;

    for (const reader of [actors.viewer, actors.editor]) {
      const got = await call(t.m.record.GET, reader, undefined, { id });
      expect(got.status).toBe(200);
      expect(got.text).not.toContain(SECRET);
      expect(got.json.record).toMatchObject({
        request: { headers: { "X-Api-Key": "••••", "Content-Type": "application/json" } },
        result: { verdict: "allowed", actual: { request: { headers: { "X-Api-Key": "••••" } } } },
      });
    }
    const row = await t.app.client.prisma.probeRecord.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(row)).not.toContain(SECRET);
    const audit = await t.app.client.prisma.auditEvent.findFirst({ where: { action: "probe_record.create", targetId: id } });
    expect(audit).not.toBeNull();
    expect(JSON.stringify([audit?.before, audit?.after])).not.toContain(SECRET);
  });

  it("refuses a forged result (422 naming body.result) and writes nothing", async () => {
    const probed = await call(t.m.probe.POST, actors.editor, { ...request(), url: `${server.base}/no-acao` });
    expect(probed.json.verdict).toBe("blocked");
    const { signature, ...result } = probed.json;
    const before = await t.app.client.prisma.probeRecord.count();
    const forgeries: [string, unknown, string | undefined, ReturnType<typeof request>][] = [
      ["verdict flipped", { ...result, verdict: "allowed", stage: null, failure: null }, signature as string, { ...request(), url: `${server.base}/no-acao` }],
      ["another request", result, signature as string, { ...request(), url: `${server.base}/ok` }],
      ["no signature", result, undefined, { ...request(), url: `${server.base}/no-acao` }],
      ["made-up signature", result, "AAAA", { ...request(), url: `${server.base}/no-acao` }],
    ];
    for (const [what, forged, sig, req] of forgeries) {
      const res = await call(t.m.records.POST, actors.viewer, save(req, forged, sig));
      expect(res.status, what).toBe(422);
      expect(res.json.errors?.map((e) => e.field), what).toEqual(["body.result"]);
    }
    expect(await t.app.client.prisma.probeRecord.count()).toBe(before);
    // Only the browser's part (labelled as reported) can be saved without a probe result.
    expect((await call(t.m.records.POST, actors.viewer, save(request(), null))).status).toBe(201);
  });

  it("403 naming body.sendActual when a viewer asks Corsboard to send the actual request", async () => {
    const before = server.seen.length;
    const res = await call(t.m.probe.POST, actors.viewer, request());
    expect(res.status).toBe(403);
    expect(res.json.errors?.[0]?.field).toBe("body.sendActual");
    expect(server.seen.length).toBe(before);
    expect((await call(t.m.probe.POST, actors.viewer, { ...request(), sendActual: false })).status).toBe(200);
  });

  it("takes a probe token per save: 429 past the limit", async () => {
    const saver: Actor = { kind: "token", id: `saver-${backend}`, name: "saver", scope: "admin", projectId: null, environmentId: null, role: "admin" };
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await call(t.m.records.POST, saver, save(request(), null))).status);
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(201));
    expect(statuses[8]).toBe(429);
  });
});
