import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";
import { createActors, type UserActor } from "@/lib/server/test-support/actors";
import { draftRequest } from "@/lib/server/test-support/policy-request";
import { callRoute } from "@/lib/server/test-support/route-call";
import { formatRunReport } from "./format-run-report";
import type { SavedCheckRunResult } from "@/lib/api/schemas/saved-check";

/**
 * Saved checks that must pass in several engines ("allowed in Chromium and
 * Firefox"). The target answers a GET with Access-Control-Allow-Origin but has
 * no OPTIONS handler (404): a GET with the client hint `DPR: 2` is allowed in
 * Chromium (which safelists client hints: no preflight) and blocked in Firefox
 * (which preflights it, and the preflight fails). Through the route handlers;
 * the authentication is the `x-test-actor` stub.
 */
vi.mock("@/lib/server/auth/authenticate", () => import("@/lib/server/test-support/authenticate-stub"));

process.env.CORSBOARD_PROBE_ALLOW_PRIVATE = "1";
process.env.CORSBOARD_CHECKS_AFTER_PUBLISH_DELAY_MS = "0";
process.env.CORSBOARD_PROBE_RATE_LIMIT = "1000";

const BASE = "app/api/v1/projects/[project]/environments/[environment]";
const load = async () => ({
  ...(await import("@/lib/server/projects/create-project")),
  ...(await import("@/lib/server/drafts/save-draft")),
  list: await import(`@/${BASE}/checks/route`),
  one: await import(`@/${BASE}/checks/[id]/route`),
  runAll: await import(`@/${BASE}/checks/run/route`),
  predict: await import(`@/${BASE}/checks/predict/route`),
});

const ORIGIN = "https://app.example";
let target: http.Server;
let base = "";
beforeAll(async () => {
  target = http.createServer((req, res) => {
    if (req.method === "OPTIONS") res.writeHead(404).end();
    else res.writeHead(200, { "Access-Control-Allow-Origin": ORIGIN, "Content-Type": "text/plain" }).end("ok");
  });
  await new Promise<void>((done) => target.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
});
afterAll(async () => {
  target.closeAllConnections();
  await new Promise<void>((done) => target.close(() => done()));
});

const call = (handler: unknown, actor: Actor | null, params: Record<string, string>, body?: unknown, method?: string) => callRoute(handler, { actor, params, body, ...(method ? { method } : {}) });

type Judgement = { engine: string; passed: boolean; rule: string | null; why: string | null };
type CheckJson = { id: string; name: string; engines: string[]; lastRun: { verdict: string; passed: boolean; engines: Judgement[] } | null };

describe.each(TEST_BACKENDS)("saved checks required in several engines, on %s", (backend) => {
  const t = useTestBackend(backend, load);
  let actors: { admin: UserActor; editor: UserActor; editor2: UserActor; viewer: UserActor };
  let n = 0;
  const newProject = async () => {
    const slug = `en${++n}`;
    await t.m.createProject(actors.admin, { slug, name: `Engines ${n}` });
    return { project: slug, environment: "dev" };
  };
  const hintCheck = (overrides: Record<string, unknown> = {}) => ({ name: "app reads with a client hint", url: `${base}/hint`, origin: ORIGIN, method: "GET", headers: { DPR: "2" }, ...overrides });

  beforeAll(async () => {
    actors = await createActors(t.app.client.prisma, `en-${backend}`);
  });

  it("a check defaults to Chromium; required in Chromium it passes, in Chromium and Firefox it fails naming Firefox and the rule", async () => {
    const p = await newProject();
    const chromiumOnly = await call(t.m.list.POST, actors.editor, p, hintCheck());
    expect(chromiumOnly.status).toBe(201);
    expect(chromiumOnly.json).toMatchObject({ engines: ["chromium"] });
    // Listed in the table's order whatever order they were given in.
    const both = await call(t.m.list.POST, actors.editor, p, hintCheck({ name: "in both", engines: ["firefox", "chromium"] }));
    expect(both.status).toBe(201);
    expect(both.json).toMatchObject({ engines: ["chromium", "firefox"] });

    const run = await call(t.m.runAll.POST, actors.editor, p, {});
    expect(run.json).toMatchObject({ total: 2, passed: 1, failed: 1 });
    const [first, second] = run.json.checks as CheckJson[];
    expect(first?.lastRun).toMatchObject({ passed: true, verdict: "allowed", engines: [{ engine: "chromium", passed: true }] });
    expect(second?.lastRun).toMatchObject({ passed: false, verdict: "blocked" });
    expect(second?.lastRun?.engines.map((e) => [e.engine, e.passed])).toEqual([
      ["chromium", true],
      ["firefox", false],
    ]);
    const firefox = second?.lastRun?.engines[1];
    expect(firefox?.rule).toBe("client-hints-safelisted");
    expect(firefox?.why).toMatch(/^Firefox blocks it at the preflight/);

    // The CLI report (corsboard check) names the engines and the one that failed.
    const text = formatRunReport(run.json as unknown as SavedCheckRunResult, p);
    expect(text).toContain("must pass in Chromium and Firefox");
    expect(text).toContain("Failed in Firefox: Firefox blocks it at the preflight");
    expect(text).toContain("Engine rule: client-hints-safelisted");

    // Stored: the list shows the same.
    const listed = await call(t.m.list.GET, actors.viewer, p);
    expect((listed.json.checks as CheckJson[]).map((c) => [c.engines, c.lastRun?.passed])).toEqual([
      [["chromium"], true],
      [["chromium", "firefox"], false],
    ]);
  });

  it("refuses unknown or repeated engines and an empty list; changing the engines clears the last result", async () => {
    const p = await newProject();
    for (const engines of [["opera"], ["chromium", "chromium"], []]) {
      const bad = await call(t.m.list.POST, actors.editor, p, hintCheck({ engines }));
      expect(bad.status).toBe(422);
      expect(bad.json.errors?.[0]?.field).toMatch(/^body\.engines/);
    }
    const created = await call(t.m.list.POST, actors.editor, p, hintCheck());
    const id = created.json.id as string;
    await call(t.m.runAll.POST, actors.editor, p, {});
    const patched = await call(t.m.one.PATCH, actors.editor, { ...p, id }, { engines: ["webkit"] }, "PATCH");
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ engines: ["webkit"], lastRun: null });
    const audit = await t.app.client.prisma.auditEvent.findMany({ where: { targetId: id }, orderBy: { id: "asc" } });
    expect(audit[1]).toMatchObject({ before: { engines: ["chromium"] }, after: { engines: ["webkit"] } });
  });

  it("a prediction against the draft judges every required engine", async () => {
    const p = await newProject();
    await t.m.saveDraft(actors.editor, p.project, p.environment, draftRequest(0, [ORIGIN]));
    await call(t.m.list.POST, actors.editor, p, hintCheck());
    await call(t.m.list.POST, actors.editor, p, hintCheck({ name: "in both", engines: ["chromium", "firefox"] }));
    const predicted = await call(t.m.predict.GET, actors.viewer, p);
    expect(predicted.status).toBe(200);
    type P = { engines: string[]; draft: { verdict: string; engines: Judgement[] }; impact: string };
    // Nothing is published yet: a check the draft lets through "fixes", one it blocks is "still-failing".
    const [chromium, both] = predicted.json.predictions as P[];
    expect(chromium).toMatchObject({ engines: ["chromium"], draft: { verdict: "allowed" }, impact: "fixes" });
    expect(both?.draft.verdict).toBe("blocked");
    expect(both?.impact).toBe("still-failing");
    expect(both?.draft.engines.find((e) => !e.passed)).toMatchObject({ engine: "firefox", rule: "client-hints-safelisted" });
  });
});
