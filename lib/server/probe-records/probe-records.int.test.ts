import { beforeAll, describe, expect, it } from "vitest";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";

/**
 * Saved tester runs through their route handlers (strict body parsing, size
 * limit, problem documents) and the operations behind them (transaction +
 * audit event, newest-first list).
 */
const load = async () => ({
  createToken: (await import("@/lib/server/tokens/create-token")).createToken,
  records: await import("@/app/api/v1/probe-records/route"),
  record: await import("@/app/api/v1/probe-records/[id]/route"),
  signProbeResult: (await import("@/lib/server/probe-records/probe-signature")).signProbeResult,
});

type Handler = (req: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>;
const BASE = "http://localhost:3000";

const RESULT = {
  verdict: "blocked",
  stage: "preflight",
  target: { host: "api.example.test", address: "127.0.0.1", port: 443 },
  preflight: {
    required: true,
    request: { method: "OPTIONS", url: "https://api.example.test/orders", headers: { origin: "https://app.example.com", "access-control-request-method": "PUT" } },
    status: 204,
    headers: { allow: "GET" },
    error: null,
    maxAgeSeconds: null,
  },
  actual: null,
  steps: [{ id: "preflight-acao", title: "Access-Control-Allow-Origin", outcome: "fail", detail: "missing", spec: "https://fetch.spec.whatwg.org/#cors-check" }],
  failure: { rule: "acao-missing", message: "No Access-Control-Allow-Origin", fix: "Send it" },
  warnings: [],
};

const REQUEST = { url: "https://api.example.test/orders", origin: "https://app.example.com", method: "PUT", headers: { "content-type": "application/json" }, credentials: "omit" as const, sendActual: false };
/** The signature POST /api/v1/probe would have answered RESULT with (signed once the backend's secret is set). */
let signature = "";

const validBody = (overrides: Record<string, unknown> = {}) => ({
  mode: "browser",
  title: "orders PUT from app",
  request: { ...REQUEST, browserCredentials: "same-origin", browserCache: "default", body: { type: "json", text: "{}" } },
  result: RESULT,
  signature,
  browser: { outcome: "blocked", error: "Failed to fetch", durationMs: 12.5, pageOrigin: "https://app.example.com" },
  ...overrides,
});

describe.each(TEST_BACKENDS)("probe records on %s", (backend) => {
  const t = useTestBackend(backend, load);
  let auth: Record<string, string> = {};

  async function call(handler: Handler, method: string, path: string, options: { params?: Record<string, string>; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...auth, ...options.headers };
    let body: string | undefined = options.raw;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await handler(new Request(`${BASE}${path}`, { method, headers, body }), { params: Promise.resolve(options.params ?? {}) });
    const text = await res.text();
    return { status: res.status, type: res.headers.get("content-type") ?? "", json: text ? JSON.parse(text) : undefined };
  }

  beforeAll(async () => {
    const system = { kind: "token" as const, id: "setup", name: "setup", scope: "admin" as const, projectId: null, environmentId: null, role: "admin" as const };
    const { secret } = await t.m.createToken(system, { name: "qa", scope: "admin" });
    auth = { authorization: `Bearer ${secret}` };
    signature = await t.m.signProbeResult(REQUEST, RESULT);
  });

  it("creates a record, audits it and serves it back with who saved it", async () => {
    const created = await call(t.m.records.POST, "POST", "/api/v1/probe-records", { body: validBody() });
    expect(created.status).toBe(201);
    expect(created.json.url).toBe(`/tester/results/${created.json.id}`);

    const got = await call(t.m.record.GET, "GET", `/api/v1/probe-records/${created.json.id}`, { params: { id: created.json.id } });
    expect(got.status).toBe(200);
    expect(got.json.record).toMatchObject({
      id: created.json.id,
      mode: "browser",
      title: "orders PUT from app",
      createdBy: "token:qa",
      request: { method: "PUT", browserCredentials: "same-origin", browserCache: "default", body: { type: "json", text: "{}" } },
      result: { verdict: "blocked", stage: "preflight", failure: { rule: "acao-missing" } },
      browser: { outcome: "blocked", error: "Failed to fetch", durationMs: 12.5 },
    });
    expect(Date.parse(got.json.record.createdAt)).not.toBeNaN();

    const audit = await t.app.client.prisma.auditEvent.findFirst({ where: { action: "probe_record.create", targetId: created.json.id } });
    expect(audit?.actorLabel).toBe("token:qa");
    expect(audit?.after).toMatchObject({ method: "PUT", verdict: "blocked", browserOutcome: "blocked" });
  });

  it("saves a run whose server probe was refused (result null) and a server-only run", async () => {
    const refused = await call(t.m.records.POST, "POST", "/api/v1/probe-records", { body: validBody({ result: null }) });
    expect(refused.status).toBe(201);
    const serverOnly = await call(t.m.records.POST, "POST", "/api/v1/probe-records", {
      body: validBody({ mode: "server", title: undefined, browser: { outcome: "not-run", durationMs: 0, pageOrigin: "https://dash.example.com" } }),
    });
    expect(serverOnly.status).toBe(201);
    const got = await call(t.m.record.GET, "GET", `/api/v1/probe-records/${refused.json.id}`, { params: { id: refused.json.id } });
    expect(got.json.record.result).toBeNull();
  });

  it("lists recent records newest first, limited", async () => {
    const a = await call(t.m.records.POST, "POST", "/api/v1/probe-records", { body: validBody({ title: "older" }) });
    const b = await call(t.m.records.POST, "POST", "/api/v1/probe-records", { body: validBody({ title: "newer" }) });
    const list = await call(t.m.records.GET, "GET", "/api/v1/probe-records?limit=2");
    expect(list.status).toBe(200);
    expect(list.json.records.map((r: { id: string }) => r.id)).toEqual([b.json.id, a.json.id]);
    expect(list.json.records[0]).toMatchObject({ title: "newer", method: "PUT", targetUrl: "https://api.example.test/orders", verdict: "blocked", browserOutcome: "blocked", createdBy: "token:qa" });
    const bad = await call(t.m.records.GET, "GET", "/api/v1/probe-records?limit=0");
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].field).toBe("query.limit");
  });

  it("names the bad field and writes nothing on bad input", async () => {
    const before = await t.app.client.prisma.probeRecord.count();
    const cases: [unknown, string][] = [
      [validBody({ request: { ...validBody().request, url: "/relative" } }), "body.request.url"],
      [validBody({ request: { ...validBody().request, origin: "https://app.example.com/" } }), "body.request.origin"],
      [validBody({ browser: { outcome: "maybe", durationMs: 1, pageOrigin: "x" } }), "body.browser.outcome"],
      [validBody({ title: "x".repeat(201) }), "body.title"],
      [validBody({ result: { verdict: "allowed" } }), "body.result.stage"],
      [{ ...validBody(), extra: true }, "body.extra"],
      [validBody({ request: { ...validBody().request, cookie: "x" } }), "body.request.cookie"],
      [validBody({ mode: "other" }), "body.mode"],
    ];
    for (const [body, field] of cases) {
      const res = await call(t.m.records.POST, "POST", "/api/v1/probe-records", { body });
      expect(res.status, JSON.stringify(res.json)).toBe(422);
      expect(res.type).toContain("application/problem+json");
      expect(res.json.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const tooBig = await call(t.m.records.POST, "POST", "/api/v1/probe-records", { body: validBody({ title: "x", request: { ...validBody().request, body: { type: "text", text: "y".repeat(60_000) } }, browser: { outcome: "allowed", durationMs: 1, pageOrigin: "x", exposedHeaders: Object.fromEntries(Array.from({ length: 90 }, (_, i) => [`h${i}`, "z".repeat(8000)])) } }) });
    expect(tooBig.status).toBe(413);
    expect(await t.app.client.prisma.probeRecord.count()).toBe(before);
  });

  it("answers 404 for unknown and malformed ids, 401 without credentials", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-uuid", "'; drop table x; --"]) {
      const res = await call(t.m.record.GET, "GET", `/api/v1/probe-records/${encodeURIComponent(id)}`, { params: { id } });
      expect(res.status).toBe(404);
      expect(res.json.code).toBe("not_found");
    }
    const saved = auth;
    auth = {};
    try {
      expect((await call(t.m.records.GET, "GET", "/api/v1/probe-records")).status).toBe(401);
      expect((await call(t.m.records.POST, "POST", "/api/v1/probe-records", { body: validBody() })).status).toBe(401);
    } finally {
      auth = saved;
    }
  });
});
