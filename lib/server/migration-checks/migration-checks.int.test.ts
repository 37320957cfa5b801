import net, { type AddressInfo, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { MigrationReport } from "@/lib/api/schemas/migration-check";
import { actorHeaders, stubUser } from "@/lib/server/test-support/authenticate-stub";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";
import { createActors, failure, type UserActor } from "@/lib/server/test-support/actors";
import { draftRequest } from "@/lib/server/test-support/policy-request";
import { startFixedCorsService, type FixedCorsService } from "@/e2e/servers/fixed-cors-service";

/**
 * Domain migration checks against real local services (node:http on
 * 127.0.0.1, reachable because CORSBOARD_PROBE_ALLOW_PRIVATE=1 is set for
 * this file, as the probe route's tests do), on the embedded database (and
 * PostgreSQL when TEST_DATABASE_URL is set). Route tests authenticate with
 * the shared stub (a viewer, an editor or nobody).
 */
vi.mock("@/lib/server/auth/authenticate", () => import("@/lib/server/test-support/authenticate-stub"));

/** The stub's caller: a viewer or editor that exists only in the stub, or nobody. */
const asWho = (who: string) => (who === "viewer" || who === "editor" ? actorHeaders(stubUser(`route-${who}`, who)) : {});

const previousAllowPrivate = process.env.CORSBOARD_PROBE_ALLOW_PRIVATE;
process.env.CORSBOARD_PROBE_ALLOW_PRIVATE = "1";
afterAll(() => {
  if (previousAllowPrivate === undefined) delete process.env.CORSBOARD_PROBE_ALLOW_PRIVATE;
  else process.env.CORSBOARD_PROBE_ALLOW_PRIVATE = previousAllowPrivate;
});

const OLD = "http://old-app.example.com";
const NEW = "https://new-app.example.com";
/** A policy that takes the JSON POST's preflight and credentialed requests, for `origins`. */
const policy = (revision: number, origins: string[]) => draftRequest(revision, origins, { allowCredentials: true, allowedHeaders: ["Content-Type"] });

const load = async () => ({
  ...(await import("@/lib/server/projects/create-project")),
  ...(await import("@/lib/server/projects/update-project")),
  ...(await import("@/lib/server/environments/update-environment")),
  ...(await import("@/lib/server/drafts/save-draft")),
  ...(await import("@/lib/server/drafts/get-draft")),
  ...(await import("@/lib/server/publishing/publish-draft")),
  ...(await import("./run-migration-check")),
  ...(await import("./apply-migration-fix")),
  ...(await import("./list-migration-reports")),
  ...(await import("./get-migration-report")),
  ...(await import("./export-migration-report")),
  runRoute: (await import("@/app/api/v1/migration-checks/route")).POST as (req: Request) => Promise<Response>,
  getRoute: (await import("@/app/api/v1/migration-checks/[id]/route")).GET as (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>,
  applyRoute: (await import("@/app/api/v1/migration-checks/[id]/apply/route")).POST as (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>,
});

let services: Record<"oldOnly" | "both" | "none" | "drift" | "auth", FixedCorsService>;
let closedPort: number;
beforeAll(async () => {
  services = {
    oldOnly: await startFixedCorsService({ allow: [OLD] }),
    both: await startFixedCorsService({ allow: [OLD, NEW] }),
    none: await startFixedCorsService({ allow: [] }),
    drift: await startFixedCorsService({ allow: [OLD] }),
    // Allows both origins, but its auth answers every preflight 401 before CORS runs.
    auth: await startFixedCorsService({ allow: [OLD, NEW], authBeforeCors: true }),
  };
  const closed = await startFixedCorsService({ allow: [] });
  closedPort = closed.port;
  await closed.close();
});
afterAll(async () => {
  await Promise.all(Object.values(services).map((s) => s.close()));
});

describe.each(TEST_BACKENDS)("migration checks on %s", (backend) => {
  const t = useTestBackend(backend, load);
  let actors: { admin: UserActor; editor: UserActor; editor2: UserActor; viewer: UserActor };
  let n = 0;
  /** A new editor per check run: runs are rate-limited per caller (6 a minute). */
  const freshEditor = async () => (await createActors(t.app.client.prisma, `e${++n}`)).editor;

  async function publish(project: string, env: string, origins: string[]) {
    const saved = await t.m.saveDraft(actors.editor, project, env, policy(0, origins));
    await t.m.publishDraft(actors.editor, project, env, { revision: saved.revision, message: "set up" });
  }

  /** Project `slug`: envs old-only, both, none (never published), drift (allowlist has NEW, service doesn't), down (nothing listening). */
  async function shop(slug: string) {
    await t.m.createProject(actors.admin, {
      slug,
      name: `Shop ${slug}`,
      environments: [
        { slug: "old-only", name: "Old only", protected: false, baseUrls: [services.oldOnly.base] },
        { slug: "both", name: "Both", protected: false, baseUrls: [`${services.both.base}/`] },
        { slug: "none", name: "None", protected: false, baseUrls: [services.none.base] },
        { slug: "drift", name: "Drift", protected: false, baseUrls: [services.drift.base] },
        { slug: "down", name: "Down", protected: false, baseUrls: [`http://127.0.0.1:${closedPort}`] },
      ],
    });
    await t.m.updateProject(actors.editor, slug, { samplePaths: ["/health", "/api/orders"] });
    await publish(slug, "old-only", [OLD]);
    await publish(slug, "both", [OLD, NEW]);
    await publish(slug, "drift", [OLD, NEW]);
  }

  const targets = (slug: string, envs: string[]) => envs.map((environment) => ({ project: slug, environment }));
  const byEnv = (report: MigrationReport, env: string) => report.rows.filter((r) => r.environment === env);

  beforeAll(async () => {
    actors = await createActors(t.app.client.prisma);
    await shop("shop");
  });

  it("classifies every endpoint: ready, old only, neither, drift, unreachable — and saves the report with an audit event", async () => {
    const editor = await freshEditor();
    const report = await t.m.runMigrationCheck(editor, { targets: targets("shop", ["old-only", "both", "none", "drift", "down"]), oldOrigin: OLD, newOrigin: NEW });

    expect(report.rows.map((r) => r.url)).toEqual([
      `${services.oldOnly.base}/health`,
      `${services.oldOnly.base}/api/orders`,
      `${services.both.base}/health`,
      `${services.both.base}/api/orders`,
      `${services.none.base}/health`,
      `${services.none.base}/api/orders`,
      `${services.drift.base}/health`,
      `${services.drift.base}/api/orders`,
      `http://127.0.0.1:${closedPort}/health`,
      `http://127.0.0.1:${closedPort}/api/orders`,
    ]);
    expect(report.summary).toEqual({ endpoints: 10, probes: 60, ready: 2, oldOnly: 4, neither: 2, partial: 0, unreachable: 2, authBeforeCors: 0, drift: 2 });
    expect(byEnv(report, "old-only").map((r) => [r.class, r.drift])).toEqual([["old-only", false], ["old-only", false]]);
    expect(byEnv(report, "both").map((r) => [r.class, r.drift])).toEqual([["ready", false], ["ready", false]]);
    expect(byEnv(report, "none").map((r) => [r.class, r.drift])).toEqual([["neither", false], ["neither", false]]);

    // Drift: the published allowlist takes the new origin, the service does not.
    const drift = byEnv(report, "drift")[0];
    expect(drift).toMatchObject({ class: "old-only", drift: true });
    const newGet = drift?.cells.find((c) => c.shape === "simple-get" && c.origin === "new");
    expect(newGet).toMatchObject({ live: { verdict: "blocked", stage: "actual", failure: { rule: "allow-origin-missing" } }, allowlist: { verdict: "allowed" }, draft: { verdict: "allowed" }, drift: "allowlist-allows" });

    // JSON POST: preflight only, "actual not checked".
    const post = byEnv(report, "both")[0]?.cells.find((c) => c.shape === "json-post" && c.origin === "new");
    expect(post).toMatchObject({ method: "POST", live: { verdict: "allowed", actualChecked: false }, allowlist: { verdict: "allowed" } });
    expect(services.both.seen.filter((s) => s.startsWith("POST"))).toEqual([]);

    // Never published: no allowlist verdict, so no drift.
    expect(byEnv(report, "none")[0]?.cells.every((c) => c.allowlist === null && c.drift === null)).toBe(true);

    // Unreachable is a result per endpoint, with the reason.
    const down = byEnv(report, "down")[0];
    expect(down?.class).toBe("unreachable");
    expect(down?.unreachable).toMatch(/No response|ECONNREFUSED|refused/i);

    expect(report.scope.map((s) => [s.environment, s.liveVersion, s.endpoints, s.draftHasNewOrigin])).toEqual([
      ["old-only", 1, 2, false],
      ["both", 1, 2, true],
      ["none", null, 2, false],
      ["drift", 1, 2, true],
      ["down", null, 2, false],
    ]);
    expect(report.createdBy).toBe(editor.email);
    expect(await t.m.getMigrationReport(report.id)).toEqual(report);
    expect((await t.m.listMigrationReports()).reports[0]).toMatchObject({ id: report.id, oldOrigin: OLD, newOrigin: NEW, summary: report.summary });
    const audit = await t.app.client.prisma.auditEvent.findFirst({ where: { action: "migration_check.run", targetId: report.id } });
    expect(audit).toMatchObject({ actorLabel: editor.email, targetType: "migration_report" });
  });

  it("diagnoses auth answering the preflight with 401 as auth-before-CORS — its own class and count, not drift — in the matrix and every export", async () => {
    await t.m.createProject(actors.admin, {
      slug: "auth-shop",
      name: "Auth shop",
      environments: [{ slug: "auth", name: "Auth", protected: false, baseUrls: [services.auth.base] }],
    });
    await t.m.updateProject(actors.editor, "auth-shop", { samplePaths: ["/api/orders"] });
    await publish("auth-shop", "auth", [OLD, NEW]);
    const report = await t.m.runMigrationCheck(await freshEditor(), { targets: targets("auth-shop", ["auth"]), oldOrigin: OLD, newOrigin: NEW });

    expect(report.summary).toEqual({ endpoints: 1, probes: 6, ready: 0, oldOnly: 0, neither: 0, partial: 0, unreachable: 0, authBeforeCors: 1, drift: 0 });
    const row = report.rows[0];
    expect(row).toMatchObject({ class: "auth-before-cors", drift: false });
    // The JSON POST's preflight got 401: the allowlist allows it, yet this is not drift.
    const post = row?.cells.find((c) => c.shape === "json-post" && c.origin === "new");
    expect(post).toMatchObject({ live: { verdict: "blocked", stage: "preflight", preflightStatus: 401 }, allowlist: { verdict: "allowed" }, drift: null });
    // Simple requests never preflight: they pass, as in a browser.
    expect(row?.cells.find((c) => c.shape === "simple-get" && c.origin === "new")?.live.verdict).toBe("allowed");

    const csv = (await t.m.exportMigrationReport(report.id, "csv")).body.trimEnd().split("\r\n");
    const header = csv[0]!.split(",");
    const postLine = csv.find((l) => l.includes(",json-post,new,"))!;
    expect(header).toContain("diagnosis");
    expect(postLine).toContain(",auth-before-cors,");
    expect(postLine).toContain("answer OPTIONS (with the CORS headers and a 2xx status) before the auth check");
    expect(csv.some((l) => l.includes("allowlist-allows") || l.includes("live-allows"))).toBe(false);
    const md = (await t.m.exportMigrationReport(report.id, "md")).body;
    expect(md).toContain("1 auth before CORS");
    expect(md).toContain("0 with drift");
    expect(md).toContain("Class: **auth before CORS**");
    expect(md).toContain("Authentication answered the OPTIONS preflight with 401 before CORS");
    expect(md).not.toContain("DRIFT");
    const json = JSON.parse((await t.m.exportMigrationReport(report.id, "json")).body) as MigrationReport;
    expect(json.summary.authBeforeCors).toBe(1);
  });

  it("marks endpoints refused by the SSRF guard as unreachable, with the reason, without failing the check", async () => {
    const report = await t.m.runMigrationCheck(await freshEditor(), { targets: targets("shop", ["old-only"]), oldOrigin: OLD, newOrigin: NEW }, { probe: { allowPrivate: false } });
    expect(report.summary).toMatchObject({ endpoints: 2, unreachable: 2 });
    expect(report.rows[0]?.unreachable).toContain("does not probe addresses on its own network");
  });

  it("exports the report as CSV (one record per cell), Markdown and JSON", async () => {
    const report = await t.m.runMigrationCheck(await freshEditor(), { targets: targets("shop", ["drift"]), oldOrigin: OLD, newOrigin: NEW });
    const csv = await t.m.exportMigrationReport(report.id, "csv");
    expect(csv.contentType).toContain("text/csv");
    expect(csv.filename).toMatch(/^corsboard-migration-check-.*\.csv$/);
    const lines = csv.body.trimEnd().split("\r\n");
    expect(lines).toHaveLength(1 + 12);
    expect(lines[2]).toMatch(new RegExp(`^shop,drift,${services.drift.base}/health,old-only,simple-get,new,${NEW},GET,omit,blocked,actual,true,allowed,allowed,allowlist-allows,,The actual response has no Access-Control-Allow-Origin header\\.,Send Access-Control-Allow-Origin`));
    const md = await t.m.exportMigrationReport(report.id, "md");
    expect(md.body).toContain("**DRIFT**");
    expect(JSON.parse((await t.m.exportMigrationReport(report.id, "json")).body)).toEqual(report);

    // Listed newest first; an unknown id is a 404.
    const list = (await t.m.listMigrationReports()).reports;
    expect(list[0]?.id).toBe(report.id);
    expect(list.map((r) => r.createdAt)).toEqual([...list.map((r) => r.createdAt)].sort().reverse());
    expect((await failure(t.m.getMigrationReport("no-such-report"))).status).toBe(404);
  });

  it("refuses unknown targets at their index, and checks over 400 probes naming body.targets, before sending anything", async () => {
    const bad = await failure(t.m.runMigrationCheck(await freshEditor(), { targets: [{ project: "shop", environment: "nope" }, { project: "ghost", environment: "dev" }], oldOrigin: OLD, newOrigin: NEW }));
    expect(bad.status).toBe(422);
    expect(bad.errors?.map((e) => e.field)).toEqual(["body.targets.0.environment", "body.targets.1.project"]);

    await t.m.createProject(actors.admin, { slug: "big", name: "Big", environments: [{ slug: "prod", name: "prod", protected: false, baseUrls: [services.none.base, services.both.base] }] });
    await t.m.updateProject(actors.editor, "big", { samplePaths: Array.from({ length: 40 }, (_, i) => `/p${i}`) });
    const before = services.none.seen.length;
    const cap = await failure(t.m.runMigrationCheck(await freshEditor(), { targets: targets("big", ["prod"]), oldOrigin: OLD, newOrigin: NEW }));
    expect(cap.status).toBe(422);
    expect(cap.errors?.[0]).toMatchObject({ field: "body.targets", code: "too_many_probes" });
    expect(cap.errors?.[0]?.message).toContain("480 probes (80 endpoints × 3 request shapes × 2 origins); the limit is 400");
    expect(services.none.seen.length).toBe(before);
  });

  it("applies the fix in one go: adds the new origin where missing, expires the old one, reports 'already there', audits each environment", async () => {
    await shop("shop2");
    const report = await t.m.runMigrationCheck(await freshEditor(), { targets: targets("shop2", ["old-only", "both", "none"]), oldOrigin: OLD, newOrigin: NEW });
    const revisions = async () => Promise.all(["old-only", "both", "none"].map(async (e) => (await t.m.getDraft("shop2", e)).revision));
    const [r1, r2, r3] = await revisions();

    const past = await failure(t.m.applyMigrationFix(actors.editor, report.id, { expireOldOn: "2020-01-01" }));
    expect([past.status, past.errors?.[0]?.field]).toEqual([422, "body.expireOldOn"]);

    const result = await t.m.applyMigrationFix(actors.editor, report.id, { expireOldOn: "2099-06-30" });
    expect(result.environments).toEqual([
      { project: "shop2", environment: "old-only", status: "added", revision: (r1 ?? 0) + 1, oldExpiresAt: "2099-06-30T00:00:00.000Z", oldNotListed: false, changed: true },
      { project: "shop2", environment: "both", status: "already-there", revision: (r2 ?? 0) + 1, oldExpiresAt: "2099-06-30T00:00:00.000Z", oldNotListed: false, changed: true },
      { project: "shop2", environment: "none", status: "added", revision: (r3 ?? 0) + 1, oldExpiresAt: null, oldNotListed: true, changed: true },
    ]);
    const oldOnly = await t.m.getDraft("shop2", "old-only");
    expect(oldOnly.content.origins).toEqual([
      { value: OLD, note: null, expiresAt: "2099-06-30T00:00:00.000Z" },
      { value: NEW, note: `Added by migration check ${report.createdAt.slice(0, 10)}: replaces ${OLD}`, expiresAt: null },
    ]);
    expect((await t.m.getDraft("shop2", "both")).content.origins.map((o) => o.value)).toEqual([OLD, NEW]);
    const audits = await t.app.client.prisma.auditEvent.findMany({ where: { action: "migration_check.apply", after: { path: ["reportId"], equals: report.id } } });
    expect(audits).toHaveLength(3);

    // Again: everything is already there, nothing written.
    const again = await t.m.applyMigrationFix(actors.editor, report.id, { expireOldOn: "2099-06-30" });
    expect(again.environments.map((e) => [e.status, e.changed])).toEqual([["already-there", false], ["already-there", false], ["already-there", false]]);
    expect((await revisions()).map((r) => r)).toEqual([(r1 ?? 0) + 1, (r2 ?? 0) + 1, (r3 ?? 0) + 1]);
  });

  it("is all or nothing: an archived project refuses the whole apply (409) and no draft changes", async () => {
    await shop("shop3");
    await t.m.createProject(actors.admin, { slug: "shop4", name: "Shop 4", environments: [{ slug: "prod", name: "prod", protected: false, baseUrls: [services.oldOnly.base] }] });
    const report = await t.m.runMigrationCheck(await freshEditor(), { targets: [...targets("shop3", ["old-only"]), { project: "shop4", environment: "prod" }], oldOrigin: OLD, newOrigin: NEW });
    await t.m.updateProject(actors.admin, "shop4", { archived: true });
    const before = await t.m.getDraft("shop3", "old-only");
    const err = await failure(t.m.applyMigrationFix(actors.editor, report.id, {}));
    expect([err.status, err.code]).toEqual([409, "project_archived"]);
    const after = await t.m.getDraft("shop3", "old-only");
    expect(after.revision).toBe(before.revision);
    expect(after.content.origins).toEqual(before.content.origins);
    expect(await t.app.client.prisma.auditEvent.count({ where: { action: "migration_check.apply", after: { path: ["reportId"], equals: report.id } } })).toBe(0);
  });

  it("probes a dead host:port once: 10 endpoints on a port that never answers cost one connection, the other cells say why they were not probed", async () => {
    const accepted: Socket[] = [];
    const blackhole = net.createServer((socket) => void accepted.push(socket));
    await new Promise<void>((resolve) => blackhole.listen(0, "127.0.0.1", resolve));
    const port = (blackhole.address() as AddressInfo).port;
    try {
      await t.m.createProject(actors.admin, { slug: "dead", name: "Dead", environments: [{ slug: "prod", name: "prod", protected: false, baseUrls: [`http://127.0.0.1:${port}`, services.both.base] }] });
      await t.m.updateProject(actors.editor, "dead", { samplePaths: Array.from({ length: 10 }, (_, i) => `/p${i}`) });
      const before = services.both.seen.length;
      const report = await t.m.runMigrationCheck(await freshEditor(), { targets: targets("dead", ["prod"]), oldOrigin: OLD, newOrigin: NEW }, { probe: { allowPrivate: true, timeoutMs: 400 } });
      expect(accepted).toHaveLength(1);
      const deadRows = report.rows.filter((r) => r.url.includes(`:${port}/`));
      expect(deadRows).toHaveLength(10);
      expect(deadRows.every((r) => r.class === "unreachable")).toBe(true);
      const cells = deadRows.flatMap((r) => r.cells);
      expect(cells.filter((c) => c.live.error?.startsWith("not probed again"))).toHaveLength(59);
      expect(deadRows[3]?.unreachable).toBe(`not probed again: 127.0.0.1:${port} did not answer the first probe (no response within 0.4 s (timed out))`);
      // The live host beside it is probed in full (GET cells: 10 paths × 2 shapes × 2 origins; the JSON POST only as its preflight).
      expect(report.rows.filter((r) => r.url.startsWith(services.both.base)).every((r) => r.class !== "unreachable")).toBe(true);
      expect(services.both.seen.length - before).toBe(60);
    } finally {
      for (const s of accepted) s.destroy();
      await new Promise((resolve) => blackhole.close(resolve));
    }
  });

  it("does not resolve or connect again to a host:port that refused the connection", async () => {
    let lookups = 0;
    const resolve = async () => {
      lookups++;
      return [{ address: "127.0.0.1", family: 4 as const }];
    };
    await t.m.createProject(actors.admin, { slug: "refused", name: "Refused", environments: [{ slug: "prod", name: "prod", protected: false, baseUrls: [`http://down.example.com:${closedPort}`] }] });
    await t.m.updateProject(actors.editor, "refused", { samplePaths: Array.from({ length: 10 }, (_, i) => `/p${i}`) });
    const report = await t.m.runMigrationCheck(await freshEditor(), { targets: targets("refused", ["prod"]), oldOrigin: OLD, newOrigin: NEW }, { probe: { allowPrivate: true, resolve } });
    expect(lookups).toBe(1);
    expect(report.summary).toMatchObject({ endpoints: 10, unreachable: 10 });
    expect(report.rows.flatMap((r) => r.cells).filter((c) => c.live.error?.startsWith("not probed again"))).toHaveLength(59);
    expect(report.rows[9]?.unreachable).toMatch(new RegExp(`^not probed again: down\\.example\\.com:${closedPort} did not answer the first probe \\(connection refused \\(ECONNREFUSED\\)\\)$`));
  });

  it("shows where the drafts stand now: before an apply, after it, and 0 left to do", async () => {
    await shop("live");
    const report = await t.m.runMigrationCheck(await freshEditor(), { targets: targets("live", ["old-only", "both"]), oldOrigin: OLD, newOrigin: NEW });
    const read = async () => (await t.m.readMigrationReport(report.id)).drafts;
    const { draftsLackingNewOrigin } = await import("@/lib/api/schemas/migration-check");
    const before = await read();
    expect(before.map((d) => [d.environment, d.hasNewOrigin, d.hasOldOrigin, d.oldExpiresAt])).toEqual([
      ["old-only", false, true, null],
      ["both", true, true, null],
    ]);
    expect(draftsLackingNewOrigin(before)).toBe(1);
    await t.m.applyMigrationFix(actors.editor, report.id, { expireOldOn: "2099-01-31" });
    const after = await read();
    expect(after.map((d) => [d.environment, d.hasNewOrigin, d.oldExpiresAt])).toEqual([
      ["old-only", true, "2099-01-31T00:00:00.000Z"],
      ["both", true, "2099-01-31T00:00:00.000Z"],
    ]);
    expect(draftsLackingNewOrigin(after)).toBe(0);
    // The snapshot in the report is unchanged: it is what the check saw.
    expect((await t.m.getMigrationReport(report.id)).scope.map((s) => s.draftHasNewOrigin)).toEqual([false, true]);

    // Through the route: `drafts` beside the report.
    const res = await t.m.getRoute(new Request(`http://localhost/api/v1/migration-checks/${report.id}`, { headers: asWho("viewer") }), { params: Promise.resolve({ id: report.id }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { report: MigrationReport; drafts: unknown[] };
    expect(body.report.id).toBe(report.id);
    expect(body.drafts).toHaveLength(2);
  });

  it("applies safely when run concurrently: the same report 5 times and two reports in opposite order add the origin once per draft, audit only real changes", async () => {
    await t.m.createProject(actors.admin, {
      slug: "race",
      name: "Race",
      environments: ["a", "b", "c", "d"].map((slug) => ({ slug, name: slug, protected: false, baseUrls: [services.oldOnly.base] })),
    });
    for (const env of ["a", "b", "c", "d"]) await publish("race", env, [OLD]);
    const forward = await t.m.runMigrationCheck(await freshEditor(), { targets: targets("race", ["a", "b", "c", "d"]), oldOrigin: OLD, newOrigin: NEW });
    const backward = await t.m.runMigrationCheck(await freshEditor(), { targets: targets("race", ["d", "c", "b", "a"]), oldOrigin: OLD, newOrigin: NEW });
    const editors = await Promise.all(Array.from({ length: 7 }, () => freshEditor()));
    const runs = await Promise.allSettled([
      ...editors.slice(0, 5).map((e) => t.m.applyMigrationFix(e, forward.id, {})),
      t.m.applyMigrationFix(editors[5] as UserActor, backward.id, {}),
      t.m.applyMigrationFix(editors[6] as UserActor, forward.id, {}),
    ]);
    expect(runs.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))).toEqual(Array.from({ length: 7 }, () => "ok"));
    for (const env of ["a", "b", "c", "d"]) {
      expect((await t.m.getDraft("race", env)).content.origins.map((o) => o.value)).toEqual([OLD, NEW]);
    }
    const changed = runs.flatMap((r) => (r.status === "fulfilled" ? r.value.environments.filter((e) => e.changed) : []));
    expect(changed).toHaveLength(4);
    const audits = await t.app.client.prisma.auditEvent.findMany({ where: { action: "migration_check.apply", OR: [forward.id, backward.id].map((id) => ({ after: { path: ["reportId"], equals: id } })) } });
    expect(audits).toHaveLength(4);
    expect(new Set(audits.map((a) => a.environmentId)).size).toBe(4);
  });

  it("pages the report list by cursor, newest first, without repeats", async () => {
    // Reports of its own (earlier tests may have made more): three pages of 2 at least.
    for (let i = 0; i < 5; i++) await t.m.runMigrationCheck(await freshEditor(), { targets: targets("shop", ["none"]), oldOrigin: OLD, newOrigin: NEW });
    const all = (await t.m.listMigrationReports(100)).reports;
    expect(all.length).toBeGreaterThan(4);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await t.m.listMigrationReports(2, cursor);
      expect(page.reports.length).toBeLessThanOrEqual(2);
      seen.push(...page.reports.map((r) => r.id));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.map((r) => r.id));
    const { migrationReportListQuerySchema } = await import("@/lib/api/schemas/migration-check");
    expect(migrationReportListQuerySchema.safeParse({ limit: "101" }).success).toBe(false);
    expect(migrationReportListQuerySchema.parse({ limit: "100", cursor: "x" })).toEqual({ limit: 100, cursor: "x" });
  });

  it("validates sample paths: each problem at its index", async () => {
    const { updateProjectRequestSchema } = await import("@/lib/api/schemas/editing");
    const parsed = updateProjectRequestSchema.safeParse({ samplePaths: ["/ok", "health", "/a b", "/ok", `/${"x".repeat(512)}`] });
    expect(parsed.success).toBe(false);
    const issues = parsed.error?.issues.map((i) => [i.path.join("."), i.message]) ?? [];
    expect(issues).toEqual([
      ["samplePaths.1", "Start the path with /, e.g. /health or /api/orders."],
      ["samplePaths.2", "Remove the spaces (encode a space in a path as %20)."],
      ["samplePaths.4", "Use a path of at most 512 characters."],
      ["samplePaths.3", "Remove this line: /ok is already on line 1."],
    ]);
    expect(updateProjectRequestSchema.safeParse({ samplePaths: Array.from({ length: 51 }, (_, i) => `/p${i}`) }).success).toBe(false);
    const project = await t.m.updateProject(actors.editor, "shop", { samplePaths: ["/health"] });
    expect(project.samplePaths).toEqual(["/health"]);
    const audit = await t.app.client.prisma.auditEvent.findFirst({ where: { action: "project.update" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ before: { samplePaths: ["/health", "/api/orders"] }, after: { samplePaths: ["/health"] } });
  });

  it("requires engines: default Chromium; with Chromium and Firefox every cell carries both verdicts, the report and its exports name them", async () => {
    const byDefault = await t.m.runMigrationCheck(await freshEditor(), { targets: targets("shop", ["both"]), oldOrigin: OLD, newOrigin: NEW });
    expect(byDefault.engines).toEqual(["chromium"]);
    expect(byDefault.rows[0]?.cells[0]?.live.engines).toBeUndefined();

    const report = await t.m.runMigrationCheck(await freshEditor(), { targets: targets("shop", ["both", "old-only"]), oldOrigin: OLD, newOrigin: NEW, engines: ["firefox", "chromium"] });
    expect(report.engines).toEqual(["chromium", "firefox"]);
    const cells = report.rows.flatMap((r) => r.cells);
    // No request shape of the matrix meets an engine departure: both engines agree on every cell, and the strictest verdict is theirs.
    for (const cell of cells) {
      expect(cell.live.engines?.map((e) => e.engine)).toEqual(["chromium", "firefox"]);
      expect(new Set(cell.live.engines?.map((e) => e.verdict))).toEqual(new Set([cell.live.verdict]));
      expect(cell.allowlist?.engines?.map((e) => e.engine)).toEqual(["chromium", "firefox"]);
    }
    expect(byEnv(report, "old-only").every((r) => r.class === "old-only")).toBe(true);
    const stored = await t.m.getMigrationReport(report.id);
    expect(stored.engines).toEqual(["chromium", "firefox"]);
    expect((await t.m.listMigrationReports()).reports.find((r) => r.id === report.id)?.engines).toEqual(["chromium", "firefox"]);
    const md = await t.m.exportMigrationReport(report.id, "md");
    expect(md.body).toContain("Each cell must be allowed in Chromium and Firefox");
    const csv = await t.m.exportMigrationReport(report.id, "csv");
    expect(csv.body.split("\r\n")[1]).toContain(",chromium firefox,,");
    const audit = await t.app.client.prisma.auditEvent.findFirst({ where: { action: "migration_check.run", targetId: report.id } });
    expect(audit?.after).toMatchObject({ engines: ["chromium", "firefox"] });

    const post = (body: unknown) =>
      t.m.runRoute(new Request("http://localhost/api/v1/migration-checks", { method: "POST", headers: { "content-type": "application/json", ...asWho("editor") }, body: JSON.stringify(body) }));
    const bad = await post({ targets: targets("shop", ["both"]), oldOrigin: OLD, newOrigin: NEW, engines: ["chromium", "opera"] });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(["body.engines.1"]);
  });

  it("routes: a viewer may not run or apply (403); bad origins get the core's messages", async () => {
    const post = (who: string, body: unknown) =>
      t.m.runRoute(new Request("http://localhost/api/v1/migration-checks", { method: "POST", headers: { "content-type": "application/json", ...asWho(who) }, body: JSON.stringify(body) }));
    const body = { targets: targets("shop", ["both"]), oldOrigin: OLD, newOrigin: NEW };
    expect((await post("viewer", body)).status).toBe(403);
    expect((await post("nobody", body)).status).toBe(401);
    const bad = await post("editor", { targets: [], oldOrigin: "HTTPS://Old.Example.com/", newOrigin: "https://*.example.com" });
    expect(bad.status).toBe(422);
    const errors = ((await bad.json()) as { errors: { field: string; message: string }[] }).errors;
    expect(errors.map((e) => e.field)).toEqual(["body.targets", "body.oldOrigin", "body.newOrigin"]);
    expect(errors[1]?.message).toContain("https://old.example.com");
    const apply = await t.m.applyRoute(
      new Request("http://localhost/api/v1/migration-checks/x/apply", { method: "POST", headers: { "content-type": "application/json", ...asWho("viewer") }, body: "{}" }),
      { params: Promise.resolve({ id: "3f1c1a9e-5d7b-4a51-9a57-2a7f1e0f9c11" }) },
    );
    expect(apply.status).toBe(403);
  });
});
