import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";
import { createActors, type UserActor } from "@/lib/server/test-support/actors";
import { draftRequest } from "@/lib/server/test-support/policy-request";
import { callRoute } from "@/lib/server/test-support/route-call";

/**
 * Saved checks that also send the actual request (`sendActual`), and the
 * saved checks approvals and rollbacks break (`brokenChecks` in their
 * answers, like the publish API's). Through the route handlers; the
 * authentication is the `x-test-actor` stub.
 */
vi.mock("@/lib/server/auth/authenticate", () => import("@/lib/server/test-support/authenticate-stub"));

process.env.CORSBOARD_PROBE_ALLOW_PRIVATE = "1";
process.env.CORSBOARD_CHECKS_AFTER_PUBLISH_DELAY_MS = "0";
process.env.CORSBOARD_PROBE_RATE_LIMIT = "1000";

const BASE = "app/api/v1/projects/[project]/environments/[environment]";
const load = async () => ({
  ...(await import("@/lib/server/projects/create-project")),
  ...(await import("@/lib/server/drafts/save-draft")),
  ...(await import("@/lib/server/publishing/publish-draft")),
  list: await import(`@/${BASE}/checks/route`),
  one: await import(`@/${BASE}/checks/[id]/route`),
  runAll: await import(`@/${BASE}/checks/run/route`),
  predict: await import(`@/${BASE}/checks/predict/route`),
  rollback: await import(`@/${BASE}/versions/[number]/rollback/route`),
  approve: await import("@/app/api/v1/change-requests/[id]/approve/route"),
});


const ORIGIN = "https://app.example";

/**
 * The target: /orders (and any other path) allows the PUT on the preflight and
 * on the actual response; /orders-actual-without-acao allows the preflight but leaves
 * Access-Control-Allow-Origin off the actual response (only a run that sends
 * the PUT can see that). Every request is recorded with its body length.
 */
const seen: { method: string; path: string; bodyBytes: number; contentType: string | undefined }[] = [];
let target: http.Server;
let base = "";
beforeAll(async () => {
  target = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", path, bodyBytes: Buffer.concat(chunks).length, contentType: req.headers["content-type"] });
      const origin = String(req.headers.origin ?? "");
      if (req.method === "OPTIONS") {
        res.writeHead(204, { "Access-Control-Allow-Origin": origin, "Access-Control-Allow-Methods": "PUT", "Access-Control-Allow-Headers": "Content-Type" });
        return res.end();
      }
      res.writeHead(200, !path.includes("without-acao") ? { "Access-Control-Allow-Origin": origin, "Content-Type": "application/json" } : { "Content-Type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((done) => target.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
});
afterAll(async () => {
  target.closeAllConnections();
  await new Promise<void>((done) => target.close(() => done()));
});
beforeEach(() => {
  seen.length = 0;
});

const call = (handler: unknown, actor: Actor | null, params: Record<string, string>, body?: unknown, method?: string) => callRoute(handler, { actor, params, body, ...(method ? { method } : {}) });

const until = async <T>(fn: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
};

type CheckJson = { id: string; name: string; sendActual: boolean; lastRun: { verdict: string; passed: boolean; trigger: string; result: { stage: string | null; failure: { rule: string } | null; actual: unknown } | null } | null };

describe.each(TEST_BACKENDS)("saved checks that send the actual request, and brokenChecks of approvals and rollbacks, on %s", (backend) => {
  const t = useTestBackend(backend, load);
  let actors: { admin: UserActor; editor: UserActor; editor2: UserActor; viewer: UserActor };
  let n = 0;
  const newProject = async () => {
    const slug = `sa${++n}`;
    await t.m.createProject(actors.admin, { slug, name: `Send actual ${n}` });
    return { project: slug, environment: "dev" };
  };
  const putCheck = (overrides: Record<string, unknown> = {}) => ({
    name: "app can PUT orders",
    url: `${base}/orders`,
    origin: ORIGIN,
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    ...overrides,
  });
  const puts = () => seen.filter((s) => s.method === "PUT");

  beforeAll(async () => {
    actors = await createActors(t.app.client.prisma, `sa-${backend}`);
  });

  it("the target sees the PUT only when the check opts in; the flag is audited and clears the last result", async () => {
    const p = await newProject();
    const created = await call(t.m.list.POST, actors.editor, p, putCheck());
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ sendActual: false });
    const id = created.json.id as string;

    const off = await call(t.m.runAll.POST, actors.editor, p, {});
    expect(off.json).toMatchObject({ total: 1, passed: 1 });
    expect(seen.map((s) => s.method)).toEqual(["OPTIONS"]);
    expect((off.json.checks as CheckJson[])[0]?.lastRun?.result?.actual).toBeNull();

    // Viewers may not turn it on (it makes Corsboard send a PUT); editors may.
    expect((await call(t.m.one.PATCH, actors.viewer, { ...p, id }, { sendActual: true }, "PATCH")).status).toBe(403);
    const on = await call(t.m.one.PATCH, actors.editor, { ...p, id }, { sendActual: true }, "PATCH");
    expect(on.status).toBe(200);
    expect(on.json).toMatchObject({ sendActual: true, lastRun: null });

    seen.length = 0;
    const run = await call(t.m.runAll.POST, actors.editor, p, {});
    expect(run.json).toMatchObject({ total: 1, passed: 1, failed: 0 });
    expect(seen.map((s) => s.method)).toEqual(["OPTIONS", "PUT"]);
    // With its headers, without a body.
    expect(puts()[0]).toMatchObject({ path: "/orders", bodyBytes: 0, contentType: "application/json" });
    expect((run.json.checks as CheckJson[])[0]?.lastRun?.result?.actual).not.toBeNull();

    const audit = await t.app.client.prisma.auditEvent.findMany({ where: { targetId: id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["saved_check.create", "saved_check.update"]);
    expect(audit[0]?.after).toMatchObject({ sendActual: false });
    expect(audit[1]).toMatchObject({ before: { sendActual: false }, after: { sendActual: true } });

    // Viewers see the flag (not a secret), and the prediction no longer says "preflight only".
    const listed = await call(t.m.list.GET, actors.viewer, p);
    expect((listed.json.checks as CheckJson[])[0]).toMatchObject({ sendActual: true });
    const predicted = await call(t.m.predict.GET, actors.viewer, p);
    expect((predicted.json.predictions as { preflightOnly: boolean }[])[0]?.preflightOnly).toBe(false);
    await call(t.m.one.PATCH, actors.editor, { ...p, id }, { sendActual: false }, "PATCH");
    const predictedOff = await call(t.m.predict.GET, actors.viewer, p);
    expect((predictedOff.json.predictions as { preflightOnly: boolean }[])[0]?.preflightOnly).toBe(true);
  });

  it("an actual response without Access-Control-Allow-Origin fails the check at stage actual (preflight-only it passes)", async () => {
    const p = await newProject();
    await call(t.m.list.POST, actors.editor, p, putCheck({ name: "preflight only", url: `${base}/orders-actual-without-acao` }));
    await call(t.m.list.POST, actors.editor, p, putCheck({ name: "sends the PUT", url: `${base}/orders-actual-without-acao`, sendActual: true }));
    const run = await call(t.m.runAll.POST, actors.editor, p, {});
    expect(run.json).toMatchObject({ total: 2, passed: 1, failed: 1 });
    const [preflightOnly, sent] = run.json.checks as CheckJson[];
    expect(preflightOnly?.lastRun).toMatchObject({ verdict: "allowed", passed: true });
    expect(sent?.lastRun).toMatchObject({ verdict: "blocked", passed: false, result: { stage: "actual", failure: { rule: "allow-origin-missing" } } });
    expect(puts().length).toBe(1);
  });

  it("the run after a publish sends the PUT of an opted-in check too", async () => {
    const p = await newProject();
    // A path of its own: runs after other tests' publishes may still be in flight.
    const path = `/orders/after-publish-${backend}`;
    const id = (await call(t.m.list.POST, actors.editor, p, putCheck({ url: `${base}${path}`, sendActual: true }))).json.id as string;
    const saved = await t.m.saveDraft(actors.editor, p.project, p.environment, draftRequest(0, [ORIGIN], { allowedMethods: ["PUT"], allowedHeaders: ["Content-Type"] }));
    await t.m.publishDraft(actors.editor, p.project, p.environment, { message: "first", revision: saved.revision });
    const row = await until(async () => {
      const r = await t.app.client.prisma.savedCheck.findUniqueOrThrow({ where: { id } });
      return r.lastTrigger === "publish" ? r : undefined;
    });
    expect(row).toMatchObject({ lastVerdict: "allowed", lastPassed: true, lastVersion: 1 });
    expect(puts().filter((s) => s.path === path).length).toBe(1);
  });

  it("422 names body.sendActual when it is not a boolean; it defaults to false", async () => {
    const p = await newProject();
    const bad = await call(t.m.list.POST, actors.editor, p, putCheck({ sendActual: "yes" }));
    expect(bad.status).toBe(422);
    expect(bad.json.errors?.map((e) => e.field)).toEqual(["body.sendActual"]);
    expect(bad.json.errors?.[0]?.message).toContain("true");
    expect(await t.app.client.prisma.savedCheck.count({ where: { environment: { project: { slug: p.project } } } })).toBe(0);
  });

  it("approving a change request answers the saved checks it breaks (brokenChecks), never refusing", async () => {
    const p = await newProject();
    const prod = { project: p.project, environment: "prod" };
    await call(t.m.list.POST, actors.editor, prod, putCheck({ sendActual: true }));
    const policy = { allowedMethods: ["PUT"], allowedHeaders: ["Content-Type"] };
    const first = await t.m.saveDraft(actors.editor, p.project, "prod", draftRequest(0, [ORIGIN], policy));
    const cr1 = await t.m.publishDraft(actors.editor, p.project, "prod", { message: "v1", revision: first.revision });
    if (cr1.kind !== "change-request") throw new Error("prod is protected");
    const approved1 = await call(t.m.approve.POST, actors.editor2, { id: cr1.changeRequest.id }, {});
    expect(approved1.status).toBe(200);
    expect(approved1.json).toMatchObject({ version: { number: 1 }, brokenChecks: [] });

    const second = await t.m.saveDraft(actors.editor, p.project, "prod", draftRequest(first.revision, ["https://other.example"], policy));
    const cr2 = await t.m.publishDraft(actors.editor, p.project, "prod", { message: "drop app", revision: second.revision });
    if (cr2.kind !== "change-request") throw new Error("prod is protected");
    const approved2 = await call(t.m.approve.POST, actors.editor2, { id: cr2.changeRequest.id }, { comment: "ok" });
    expect(approved2.status).toBe(200);
    expect(approved2.json).toMatchObject({ changeRequest: { status: "approved" }, version: { number: 2 } });
    // Sent for real, so not "preflight only".
    expect(approved2.json.brokenChecks).toEqual([expect.objectContaining({ name: "app can PUT orders", method: "PUT", preflightOnly: false, reason: expect.stringContaining(ORIGIN) })]);

    // Errors are unchanged: the prediction never turns them into something else.
    expect((await call(t.m.approve.POST, actors.editor2, { id: cr2.changeRequest.id }, {})).status).toBe(409);
    expect((await call(t.m.approve.POST, actors.editor2, { id: "no-such-request" }, {})).status).toBe(404);
  });

  it("a rollback answers the saved checks it breaks (brokenChecks): published (201) and as a change request (202)", async () => {
    const p = await newProject();
    const policy = { allowedMethods: ["PUT"], allowedHeaders: ["Content-Type"] };
    await call(t.m.list.POST, actors.editor, p, putCheck());
    const first = await t.m.saveDraft(actors.editor, p.project, p.environment, draftRequest(0, ["https://other.example"], policy));
    await t.m.publishDraft(actors.editor, p.project, p.environment, { message: "v1 without app", revision: first.revision });
    const second = await t.m.saveDraft(actors.editor, p.project, p.environment, draftRequest(first.revision, [ORIGIN], policy));
    await t.m.publishDraft(actors.editor, p.project, p.environment, { message: "v2 with app", revision: second.revision });

    const rolledBack = await call(t.m.rollback.POST, actors.editor, { ...p, number: "1" }, {});
    expect(rolledBack.status).toBe(201);
    expect(rolledBack.json).toMatchObject({ kind: "published", version: { number: 3 } });
    expect(rolledBack.json.brokenChecks).toEqual([expect.objectContaining({ name: "app can PUT orders", preflightOnly: true, reason: expect.stringContaining(ORIGIN) })]);
    // Back to v2 (app allowed again) breaks nothing.
    const forward = await call(t.m.rollback.POST, actors.editor, { ...p, number: "2" }, {});
    expect(forward.json).toMatchObject({ kind: "published", brokenChecks: [] });
    expect((await call(t.m.rollback.POST, actors.editor, { ...p, number: "9" }, {})).status).toBe(404);

    // Protected: the rollback becomes a change request, and the answer already warns.
    const prod = { project: p.project, environment: "prod" };
    await call(t.m.list.POST, actors.editor, prod, putCheck());
    const pf = await t.m.saveDraft(actors.editor, p.project, "prod", draftRequest(0, ["https://other.example"], policy));
    const crA = await t.m.publishDraft(actors.editor, p.project, "prod", { message: "v1", revision: pf.revision });
    if (crA.kind !== "change-request") throw new Error("prod is protected");
    await call(t.m.approve.POST, actors.editor2, { id: crA.changeRequest.id }, {});
    const ps = await t.m.saveDraft(actors.editor, p.project, "prod", draftRequest(pf.revision, [ORIGIN], policy));
    const crB = await t.m.publishDraft(actors.editor, p.project, "prod", { message: "v2", revision: ps.revision });
    if (crB.kind !== "change-request") throw new Error("prod is protected");
    await call(t.m.approve.POST, actors.editor2, { id: crB.changeRequest.id }, {});
    const proposed = await call(t.m.rollback.POST, actors.editor, { ...prod, number: "1" }, {});
    expect(proposed.status).toBe(202);
    expect(proposed.json).toMatchObject({ kind: "change-request", brokenChecks: [expect.objectContaining({ name: "app can PUT orders" })] });
  });
});
