import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";
import { createActors, type UserActor } from "@/lib/server/test-support/actors";
import { draftRequest } from "@/lib/server/test-support/policy-request";
import { callRoute, waitFor } from "@/lib/server/test-support/route-call";
import { SCENARIO_ORIGIN, startScenarioServer, type ScenarioServer } from "@/lib/server/probe/test-support/scenario-server";

/**
 * Saved checks through their route handlers (roles, validation, cap, audit,
 * runs against a local server, the run after publish, predictions).
 * Authentication is a stub: `x-test-actor` carries the actor as JSON
 * (sessions and tokens themselves are covered elsewhere).
 */
vi.mock("@/lib/server/auth/authenticate", () => import("@/lib/server/test-support/authenticate-stub"));

// Probes reach the local server; the post-publish run starts as soon as the publish commits.
process.env.CORSBOARD_PROBE_ALLOW_PRIVATE = "1";
process.env.CORSBOARD_CHECKS_AFTER_PUBLISH_DELAY_MS = "0";
process.env.CORSBOARD_PROBE_RATE_LIMIT = "1000";

const BASE = "app/api/v1/projects/[project]/environments/[environment]/checks";
const load = async () => ({
  ...(await import("@/lib/server/projects/create-project")),
  ...(await import("@/lib/server/drafts/save-draft")),
  ...(await import("@/lib/server/publishing/publish-draft")),
  ...(await import("@/lib/server/projects/update-project")),
  list: await import(`@/${BASE}/route`),
  one: await import(`@/${BASE}/[id]/route`),
  runOne: await import(`@/${BASE}/[id]/run/route`),
  runAll: await import(`@/${BASE}/run/route`),
  predict: await import(`@/${BASE}/predict/route`),
  publish: await import("@/app/api/v1/projects/[project]/environments/[environment]/publish/route"),
  ...(await import("@/lib/server/publishing/approve-change-request")),
});

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Json = Record<string, unknown> & { errors?: { field: string; message: string }[] };

let server: ScenarioServer;
beforeAll(async () => {
  server = await startScenarioServer();
});
afterAll(async () => {
  await server.close();
});

const call = (handler: unknown, actor: Actor | null, params: Record<string, string>, body?: unknown) => callRoute(handler, { actor, params, body });
const until = waitFor;

describe.each(TEST_BACKENDS)("saved checks on %s", (backend) => {
  const t = useTestBackend(backend, load);
  let actors: { admin: UserActor; editor: UserActor; editor2: UserActor; viewer: UserActor };
  const token: Actor = { kind: "token", id: "tok-1", name: "ci", scope: "admin", projectId: null, environmentId: null, role: "admin" };
  let n = 0;
  const newProject = async () => {
    const slug = `sc${++n}`;
    await t.m.createProject(actors.admin, { slug, name: `Saved checks ${n}` });
    return { project: slug, environment: "dev" };
  };
  const check = (overrides: Record<string, unknown> = {}) => ({ name: "app can GET", url: `${server.base}/ok`, origin: SCENARIO_ORIGIN, method: "GET", ...overrides });

  beforeAll(async () => {
    actors = await createActors(t.app.client.prisma, `sc-${backend}`);
  });

  it("creates, lists, updates and deletes; each change audited; viewers read, editors write", async () => {
    const p = await newProject();
    expect((await call(t.m.list.GET, null, p)).status).toBe(401);
    expect((await call(t.m.list.POST, actors.viewer, p, check())).status).toBe(403);

    const created = await call(t.m.list.POST, actors.editor, p, check({ headers: { "X-Trace": "1", Authorization: "Bearer s3cret" }, credentials: "include", expect: "allowed" }));
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: "app can GET", method: "GET", credentials: "include", expect: "allowed", headers: { "X-Trace": "1", Authorization: "Bearer s3cret" }, createdBy: actors.editor.email, lastRun: null });
    const id = created.json.id as string;

    const listed = await call(t.m.list.GET, actors.viewer, p);
    expect(listed.status).toBe(200);
    expect((listed.json.checks as unknown[]).length).toBe(1);
    expect(listed.json).toMatchObject({ liveVersion: null, max: 50, afterPublishDelayMs: 0 });
    // Viewers see the check but not its credential: editors do.
    expect((listed.json.checks as { headers: Record<string, string> }[])[0]?.headers).toEqual({ "X-Trace": "1", Authorization: "••••" });
    const listedByEditor = await call(t.m.list.GET, actors.editor, p);
    expect((listedByEditor.json.checks as { headers: Record<string, string> }[])[0]?.headers).toEqual({ "X-Trace": "1", Authorization: "Bearer s3cret" });

    const patchReq = (body: unknown, actor: Actor) =>
      (t.m.one.PATCH as Handler)(new Request("http://x/", { method: "PATCH", headers: { "content-type": "application/json", "x-test-actor": JSON.stringify(actor) }, body: JSON.stringify(body) }), { params: Promise.resolve({ ...p, id }) });
    expect((await patchReq({ name: "renamed" }, actors.viewer)).status).toBe(403);
    const patched = await patchReq({ name: "renamed", expect: "blocked" }, actors.editor);
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ name: "renamed", expect: "blocked", method: "GET", credentials: "include" });

    const del = (actor: Actor) => (t.m.one.DELETE as Handler)(new Request("http://x/", { method: "DELETE", headers: { "x-test-actor": JSON.stringify(actor) } }), { params: Promise.resolve({ ...p, id }) });
    expect((await del(actors.viewer)).status).toBe(403);
    expect((await del(actors.editor)).status).toBe(204);
    expect((await del(actors.editor)).status).toBe(404);

    const audit = await t.app.client.prisma.auditEvent.findMany({ where: { targetId: id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["saved_check.create", "saved_check.update", "saved_check.delete"]);
    // Credential header values never reach the audit log.
    expect(audit[0]?.after).toMatchObject({ headers: { "X-Trace": "1", Authorization: "••••" } });
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain("s3cret");
    expect(audit[1]).toMatchObject({ actorLabel: actors.editor.email, before: { name: "app can GET", expect: "allowed" }, after: { name: "renamed", expect: "blocked" } });
  });

  it("422 names every bad field with a fix; nothing is written", async () => {
    const p = await newProject();
    const res = await call(t.m.list.POST, actors.editor, p, { name: "", url: "ftp://x", origin: "https://app.example/", credentials: "same-origin", expect: "maybe", extra: 1 });
    expect(res.status).toBe(422);
    const fields = Object.fromEntries((res.json.errors ?? []).map((e) => [e.field, e.message]));
    expect(fields["body.name"]).toContain("name");
    expect(fields["body.url"]).toContain("http://");
    expect(fields["body.origin"]).toContain("https://app.example");
    expect(fields["body.credentials"]).toContain('"omit" or "include"');
    expect(fields["body.expect"]).toContain('"allowed"');
    expect(fields["body.extra"]).toBeDefined();
    expect(await t.app.client.prisma.savedCheck.count({ where: { environment: { project: { slug: p.project } } } })).toBe(0);
    expect((await call(t.m.list.POST, actors.editor, p, check({ name: "x".repeat(201) }))).json.errors?.[0]?.field).toBe("body.name");
  });

  it("refuses methods and header names fetch() would refuse, naming the field", async () => {
    const p = await newProject();
    const fieldsOf = async (body: Record<string, unknown>) => {
      const res = await call(t.m.list.POST, actors.editor, p, check(body));
      expect(res.status).toBe(422);
      return Object.fromEntries((res.json.errors ?? []).map((e) => [e.field, e.message]));
    };
    expect((await fieldsOf({ method: "G ET" }))["body.method"]).toContain("not an HTTP method");
    for (const method of ["CONNECT", "trace", "TRACK"]) expect((await fieldsOf({ method }))["body.method"]).toContain("forbidden method");
    expect((await fieldsOf({ headers: { "bad name": "x" } }))["body.headers.bad name"]).toContain("not a header name");
    expect((await fieldsOf({ headers: { Host: "evil.example" } }))["body.headers.Host"]).toContain("forbidden request header");
    expect((await fieldsOf({ headers: { "Sec-Fetch-Mode": "cors" } }))["body.headers.Sec-Fetch-Mode"]).toContain("sec-");
    expect((await fieldsOf({ headers: { "X-HTTP-Method-Override": "TRACE" } }))["body.headers.X-HTTP-Method-Override"]).toContain("TRACE");
    expect(await t.app.client.prisma.savedCheck.count({ where: { environment: { project: { slug: p.project } } } })).toBe(0);
    // A custom method that is a token is fine (it needs a preflight).
    expect((await call(t.m.list.POST, actors.editor, p, check({ method: "PROPFIND", headers: { "X-Api-Key": "k" } }))).status).toBe(201);
  });

  it("a PATCH that changes nothing answers the check, writes nothing and audits nothing", async () => {
    const p = await newProject();
    const created = await call(t.m.list.POST, actors.editor, p, check({ headers: { "X-Trace": "1" } }));
    const id = created.json.id as string;
    await call(t.m.runAll.POST, actors.editor, p, {});
    const before = await t.app.client.prisma.savedCheck.findUniqueOrThrow({ where: { id } });
    const patch = async (body: unknown) => {
      const res = await (t.m.one.PATCH as Handler)(
        new Request("http://x/", { method: "PATCH", headers: { "content-type": "application/json", "x-test-actor": JSON.stringify(actors.editor) }, body: JSON.stringify(body) }),
        { params: Promise.resolve({ ...p, id }) },
      );
      return { status: res.status, json: (await res.json()) as Json };
    };
    for (const body of [{}, { name: "app can GET", method: "GET", headers: { "X-Trace": "1" }, expect: "allowed" }]) {
      const res = await patch(body);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ id, name: "app can GET", updatedAt: before.updatedAt.toISOString() });
      expect((res.json.lastRun as { trigger: string } | null)?.trigger).toBe("manual");
    }
    const after = await t.app.client.prisma.savedCheck.findUniqueOrThrow({ where: { id } });
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(after.lastRunAt).toEqual(before.lastRunAt);
    expect((await t.app.client.prisma.auditEvent.findMany({ where: { targetId: id } })).map((a) => a.action)).toEqual(["saved_check.create"]);
  });

  it("at most 50 checks per environment (422 too_many_checks); archived projects refuse edits (409)", async () => {
    const p = await newProject();
    const env = await t.app.client.prisma.environment.findFirstOrThrow({ where: { slug: "dev", project: { slug: p.project } } });
    await t.app.client.prisma.savedCheck.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({ environmentId: env.id, name: `c${i}`, url: `${server.base}/ok`, origin: SCENARIO_ORIGIN, position: i, createdByLabel: "seed" })),
    });
    const over = await call(t.m.list.POST, actors.editor, p, check());
    expect(over.status).toBe(422);
    expect(over.json.code).toBe("too_many_checks");
    expect(String(over.json.detail)).toContain("50");

    const q = await newProject();
    await t.m.updateProject(actors.admin, q.project, { archived: true });
    const archived = await call(t.m.list.POST, actors.editor, q, check());
    expect(archived.status).toBe(409);
    expect(archived.json.code).toBe("project_archived");
  });

  it("runs all checks against a real server: stores verdict, pass/fail against the expectation, trigger and live version", async () => {
    const p = await newProject();
    const ok = (await call(t.m.list.POST, actors.editor, p, check({ name: "allowed", url: `${server.base}/ok` }))).json.id as string;
    await call(t.m.list.POST, actors.editor, p, check({ name: "blocked but expected allowed", url: `${server.base}/no-acao`, method: "PUT", headers: { "Content-Type": "application/json" } }));
    await call(t.m.list.POST, actors.editor, p, check({ name: "stays out", url: `${server.base}/no-acao`, expect: "blocked" }));
    expect((await call(t.m.runAll.POST, actors.viewer, p, {})).status).toBe(403);

    server.seen.length = 0;
    const run = await call(t.m.runAll.POST, actors.editor, p, {});
    expect(run.status).toBe(200);
    expect(run.json).toMatchObject({ trigger: "manual", liveVersion: null, total: 3, passed: 2, failed: 1 });
    const checks = run.json.checks as { name: string; lastRun: { verdict: string; passed: boolean; trigger: string; result: { failure: { rule: string } | null } } }[];
    expect(checks.map((c) => [c.name, c.lastRun.verdict, c.lastRun.passed])).toEqual([
      ["allowed", "allowed", true],
      ["blocked but expected allowed", "blocked", false],
      ["stays out", "blocked", true],
    ]);
    expect(checks[1]?.lastRun.result.failure?.rule).toBe("allow-origin-missing");
    // The PUT's actual request is never sent (side effects): only its preflight.
    expect(server.seen.filter((s) => s.method === "PUT")).toEqual([]);

    const listed = (await call(t.m.list.GET, actors.viewer, p)).json.checks as { id: string; lastRun: { trigger: string } | null }[];
    expect(listed.find((c) => c.id === ok)?.lastRun?.trigger).toBe("manual");

    const viaToken = await call(t.m.runOne.POST, token, { ...p, id: ok }, {});
    expect(viaToken.json).toMatchObject({ trigger: "api", total: 1, passed: 1 });
    // No audit event for a run.
    expect(await t.app.client.prisma.auditEvent.count({ where: { targetId: ok } })).toBe(1);
  });

  it("an unreachable target fails the check even when blocked was expected", async () => {
    const p = await newProject();
    // A port nothing listens on (not one of the Fetch Standard's bad ports, which fail before any connection).
    const closed = http.createServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    await call(t.m.list.POST, actors.editor, p, check({ url: `http://127.0.0.1:${port}/`, expect: "blocked" }));
    const run = await call(t.m.runAll.POST, actors.editor, p, {});
    expect(run.json).toMatchObject({ total: 1, passed: 0, failed: 1 });
    expect((run.json.checks as { lastRun: { verdict: string; result: { failure: { rule: string } } } }[])[0]?.lastRun).toMatchObject({ verdict: "blocked", result: { failure: { rule: "actual-no-response" } } });
  });

  it("after a publish the checks run on their own with trigger publish and the new version", async () => {
    const p = await newProject();
    const id = (await call(t.m.list.POST, actors.editor, p, check())).json.id as string;
    const saved = await t.m.saveDraft(actors.editor, p.project, p.environment, draftRequest(0, ["https://app.example"]));
    const published = await t.m.publishDraft(actors.editor, p.project, p.environment, { message: "first", revision: saved.revision });
    expect(published.kind).toBe("published");
    const row = await until(async () => {
      const r = await t.app.client.prisma.savedCheck.findUniqueOrThrow({ where: { id } });
      return r.lastTrigger === "publish" ? r : undefined;
    });
    expect(row).toMatchObject({ lastTrigger: "publish", lastVersion: 1, lastVerdict: "allowed", lastPassed: true });
  });

  it("predicts each check against live and draft: breaks, still failing, expect blocked", async () => {
    const p = await newProject();
    const url = "https://api.example.com/orders";
    await call(t.m.list.POST, actors.editor, p, check({ name: "app can PUT", url, origin: "https://app.example.com", method: "PUT", headers: { "Content-Type": "application/json" } }));
    await call(t.m.list.POST, actors.editor, p, check({ name: "partner GET", url, origin: "https://partner.example.org" }));
    await call(t.m.list.POST, actors.editor, p, check({ name: "evil stays out", url, origin: "https://evil.example.net", expect: "blocked" }));
    const first = await t.m.saveDraft(actors.editor, p.project, p.environment, draftRequest(0, ["https://app.example.com"], { allowedMethods: ["PUT"], allowedHeaders: ["Content-Type"] }));
    await t.m.publishDraft(actors.editor, p.project, p.environment, { message: "v1", revision: first.revision });
    await t.m.saveDraft(actors.editor, p.project, p.environment, draftRequest(first.revision, ["https://other.example.com", "https://evil.example.net"], { allowedMethods: ["PUT"], allowedHeaders: ["Content-Type"] }));

    const res = await call(t.m.predict.GET, actors.viewer, p);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ liveVersion: 1, draftValid: true, breaks: 2 });
    const byName = Object.fromEntries((res.json.predictions as { name: string; impact: string; live: { verdict: string }; draft: { verdict: string; failure: { rule: string } | null } }[]).map((x) => [x.name, x]));
    expect(byName["app can PUT"]).toMatchObject({ impact: "breaks", live: { verdict: "allowed" }, draft: { verdict: "blocked", stage: "preflight" } });
    expect(byName["app can PUT"]?.draft.failure?.rule).toBe("allow-origin-missing");
    expect((byName["app can PUT"]?.draft as unknown as { policyReason: { code: string } }).policyReason.code).toBe("origin-not-allowed");
    expect(byName["partner GET"]).toMatchObject({ impact: "still-failing" });
    expect(byName["evil stays out"]).toMatchObject({ impact: "breaks", live: { verdict: "blocked" }, draft: { verdict: "allowed" } });
  });

  it("predicts what an approval or a rollback would make live (?changeRequest=, ?version=); 404 for another environment's", async () => {
    const p = await newProject();
    const prod = { project: p.project, environment: "prod" };
    await call(t.m.list.POST, actors.editor, prod, check({ name: "app can GET", url: "https://api.example.com/x", origin: "https://app.example.com" }));
    const first = await t.m.saveDraft(actors.editor, p.project, "prod", draftRequest(0, ["https://app.example.com"]));
    const cr1 = await t.m.publishDraft(actors.editor, p.project, "prod", { message: "v1", revision: first.revision });
    if (cr1.kind !== "change-request") throw new Error("prod is protected");
    await t.m.approveChangeRequest(actors.editor2, cr1.changeRequest.id, {});
    const second = await t.m.saveDraft(actors.editor, p.project, "prod", draftRequest(first.revision, ["https://other.example.com"]));
    const cr2 = await t.m.publishDraft(actors.editor, p.project, "prod", { message: "drop app", revision: second.revision });
    if (cr2.kind !== "change-request") throw new Error("prod is protected");

    const q = (query: string) => t.m.predict.GET(new Request(`http://localhost:3000/api/v1/x?${query}`, { headers: { "x-test-actor": JSON.stringify(actors.viewer) } }), { params: Promise.resolve(prod) }) as Promise<Response>;
    const approval = (await (await q(`changeRequest=${cr2.changeRequest.id}`)).json()) as Json;
    expect(approval).toMatchObject({ subject: "change-request", draftRevision: null, liveVersion: 1, breaks: 1 });
    expect((approval.predictions as { impact: string; preflightOnly: boolean }[])[0]).toMatchObject({ impact: "breaks", preflightOnly: false });
    const rollback = (await (await q("version=1")).json()) as Json;
    expect(rollback).toMatchObject({ subject: "version", liveVersion: 1, breaks: 0 });
    expect((await q("version=9")).status).toBe(404);
    expect((await q(`changeRequest=${cr2.changeRequest.id}&version=1`)).status).toBe(422);
    const other = await newProject();
    const elsewhere = await t.m.predict.GET(new Request(`http://localhost:3000/api/v1/x?changeRequest=${cr2.changeRequest.id}`, { headers: { "x-test-actor": JSON.stringify(actors.viewer) } }), { params: Promise.resolve({ project: other.project, environment: "prod" }) });
    expect(elsewhere.status).toBe(404);
  });

  it("the publish API reports the saved checks it breaks (brokenChecks) but never refuses", async () => {
    const p = await newProject();
    await call(t.m.list.POST, actors.editor, p, check({ name: "app can PUT", url: "https://api.example.com/x", origin: "https://app.example.com", method: "PUT" }));
    const publish = async (revision: number) => {
      const res = await (t.m.publish.POST as Handler)(
        new Request("http://localhost:3000/api/v1/x", { method: "POST", headers: { "content-type": "application/json", "x-test-actor": JSON.stringify(actors.editor) }, body: JSON.stringify({ message: "go", revision }) }),
        { params: Promise.resolve(p) },
      );
      return { status: res.status, json: (await res.json()) as Json };
    };
    const first = await t.m.saveDraft(actors.editor, p.project, p.environment, draftRequest(0, ["https://app.example.com"], { allowedMethods: ["PUT"] }));
    const v1 = await publish(first.revision);
    expect(v1.status).toBe(201);
    expect(v1.json).toMatchObject({ kind: "published", brokenChecks: [] });
    const second = await t.m.saveDraft(actors.editor, p.project, p.environment, draftRequest(first.revision, ["https://other.example.com"], { allowedMethods: ["PUT"] }));
    const v2 = await publish(second.revision);
    expect(v2.status).toBe(201);
    expect(v2.json).toMatchObject({ kind: "published", version: { number: 2 } });
    expect(v2.json.brokenChecks).toEqual([expect.objectContaining({ name: "app can PUT", method: "PUT", expect: "allowed", preflightOnly: true, reason: expect.stringContaining("https://app.example.com") })]);
  });
});
