import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { SCENARIO_ORIGIN, startScenarioServer, type ScenarioServer } from "@/lib/server/probe/test-support/scenario-server";

/**
 * POST /api/v1/probe through its route handler. Authentication is replaced by
 * a stub (`x-test-actor: viewer|config|none`): sessions and tokens themselves
 * are covered by the editing-route tests and e2e/route-auth.spec.ts.
 */
vi.mock("@/lib/server/auth/authenticate", () => ({
  authenticate: async (headers: Headers): Promise<Actor | null> => {
    const who = headers.get("x-test-actor");
    if (who === "config") return { kind: "token", id: "t1", name: "svc", scope: "config_read", projectId: "p", environmentId: "e", role: null };
    if (who?.startsWith("viewer")) return { kind: "user", id: who, email: `${who}@example.com`, name: who, role: "viewer" };
    return null;
  },
}));

type Handler = (req: Request) => Promise<Response>;

async function load(allowPrivate: "0" | "1"): Promise<Handler> {
  vi.resetModules();
  process.env.CORSBOARD_PROBE_ALLOW_PRIVATE = allowPrivate;
  process.env.LOG_LEVEL = "silent";
  return (await import("@/app/api/v1/probe/route")).POST as Handler;
}

async function call(handler: Handler, who: string, body: unknown) {
  const res = await handler(
    new Request("http://localhost:3000/api/v1/probe", { method: "POST", headers: { "content-type": "application/json", "x-test-actor": who }, body: JSON.stringify(body) }),
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
