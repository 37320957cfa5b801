import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";
import { createActors, type UserActor } from "@/lib/server/test-support/actors";
import { draftRequest } from "@/lib/server/test-support/policy-request";
import { callRoute, waitFor } from "@/lib/server/test-support/route-call";

/**
 * Runs that overlap with edits and publishes (review findings 2 and 3): a
 * target that answers slowly keeps a run in flight while the check is edited
 * or a publish triggers its own run. Authentication is the `x-test-actor` stub.
 */
vi.mock("@/lib/server/auth/authenticate", () => import("@/lib/server/test-support/authenticate-stub"));

process.env.CORSBOARD_PROBE_ALLOW_PRIVATE = "1";
process.env.CORSBOARD_CHECKS_AFTER_PUBLISH_DELAY_MS = "0";
process.env.CORSBOARD_PROBE_RATE_LIMIT = "1000";

const BASE = "app/api/v1/projects/[project]/environments/[environment]/checks";
const load = async () => ({
  ...(await import("@/lib/server/projects/create-project")),
  ...(await import("@/lib/server/drafts/save-draft")),
  ...(await import("@/lib/server/publishing/publish-draft")),
  list: await import(`@/${BASE}/route`),
  one: await import(`@/${BASE}/[id]/route`),
  runAll: await import(`@/${BASE}/run/route`),
});


/**
 * A request to /slow answers at once, unless the test asked to hold the next
 * one: then it waits until the test releases it, so a run stays in flight
 * exactly as long as the test needs (no timing guesses).
 */
let holdNext: ((held: { release: () => void }) => void) | undefined;
/** Hold the next request to /slow; resolves once it has arrived, with the way to answer it. */
const holdNextSlowRequest = () => new Promise<{ release: () => void }>((arrived) => (holdNext = arrived));
let target: http.Server;
let base = "";
beforeAll(async () => {
  target = http.createServer((req, res) => {
    const origin = String(req.headers.origin ?? "");
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const send = () => {
      res.writeHead(200, { "Access-Control-Allow-Origin": origin });
      res.end("{}");
    };
    const hold = path === "/slow" ? holdNext : undefined;
    if (hold) {
      holdNext = undefined;
      hold({ release: send });
      return;
    }
    send();
  });
  await new Promise<void>((done) => target.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((done) => target.close(() => done()));
});

const call = (handler: unknown, actor: Actor, params: Record<string, string>, method: string, body?: unknown) => callRoute(handler, { actor, params, body, method });
const until = (fn: () => Promise<boolean>) => waitFor(async () => ((await fn()) ? true : undefined));

describe.each(TEST_BACKENDS)("saved-check runs racing edits and publishes on %s", (backend) => {
  const t = useTestBackend(backend, load);
  let actors: { admin: UserActor; editor: UserActor };
  let n = 0;
  const newProject = async () => {
    const slug = `race${++n}`;
    await t.m.createProject(actors.admin, { slug, name: `Race ${n}` });
    return { project: slug, environment: "dev" };
  };

  beforeAll(async () => {
    actors = await createActors(t.app.client.prisma, `race-${backend}`);
  });

  it("an edit during a run keeps the run's result off the edited check", async () => {
    const p = await newProject();
    const id = (await call(t.m.list.POST, actors.editor, p, "POST", { name: "c", url: `${base}/slow`, origin: "https://app.example" })).json.id as string;
    const arrived = holdNextSlowRequest();
    const running = call(t.m.runAll.POST, actors.editor, p, "POST", {});
    const inFlight = await arrived;
    const patched = await call(t.m.one.PATCH, actors.editor, { ...p, id }, "PATCH", { url: `${base}/elsewhere` });
    expect(patched.status).toBe(200);
    inFlight.release();
    const run = await running;
    expect(run.status).toBe(200);
    const row = await t.app.client.prisma.savedCheck.findUniqueOrThrow({ where: { id } });
    // The old URL's outcome never lands on the new definition.
    expect(row).toMatchObject({ url: `${base}/elsewhere`, lastRunAt: null, lastVerdict: null });
    // The run answers what is stored now, not its stale result.
    expect((run.json.checks as { url: string; lastRun: unknown }[])[0]).toMatchObject({ url: `${base}/elsewhere`, lastRun: null });
  });

  it("a manual run in flight during a publish never overwrites the after-publish result", async () => {
    const p = await newProject();
    const id = (await call(t.m.list.POST, actors.editor, p, "POST", { name: "c", url: `${base}/slow`, origin: "https://app.example" })).json.id as string;
    const arrived = holdNextSlowRequest();
    const manual = call(t.m.runAll.POST, actors.editor, p, "POST", {});
    const inFlight = await arrived;
    const saved = await t.m.saveDraft(actors.editor, p.project, p.environment, draftRequest(0, ["https://app.example"]));
    const published = await t.m.publishDraft(actors.editor, p.project, p.environment, { message: "v1", revision: saved.revision });
    expect(published.kind).toBe("published");
    // The publish-triggered run (delay 0; its request is not held) finishes first, on version 1.
    await until(async () => (await t.app.client.prisma.savedCheck.findUniqueOrThrow({ where: { id } })).lastTrigger === "publish");
    inFlight.release();
    const run = await manual;
    expect(run.status).toBe(200);
    const row = await t.app.client.prisma.savedCheck.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ lastTrigger: "publish", lastVersion: 1, lastVerdict: "allowed", lastPassed: true });
    // The manual run reports the newer stored result.
    expect((run.json.checks as { lastRun: { trigger: string; version: number } }[])[0]?.lastRun).toMatchObject({ trigger: "publish", version: 1 });
  });

  it("a run never bumps updatedAt (it marks changes to the definition)", async () => {
    const p = await newProject();
    const created = await call(t.m.list.POST, actors.editor, p, "POST", { name: "c", url: `${base}/fast`, origin: "https://app.example" });
    const id = created.json.id as string;
    await call(t.m.runAll.POST, actors.editor, p, "POST", {});
    const second = await call(t.m.runAll.POST, actors.editor, p, "POST", {});
    const row = await t.app.client.prisma.savedCheck.findUniqueOrThrow({ where: { id } });
    expect(row.updatedAt.toISOString()).toBe(created.json.updatedAt);
    expect(row.lastTrigger).toBe("manual");
    expect((second.json.checks as { lastRun: { at: string } }[])[0]?.lastRun.at).toBe(row.lastRunAt?.toISOString());
  });
});
