import { expect, test, type APIRequestContext } from "@playwright/test";
import { readFileSync } from "node:fs";
import { adminAuth } from "./support/api";
import { ADMIN_STATE } from "./support/paths";
import { createProjectApi, shootBothSizes, uniqueSlug } from "./support/project-fixtures";
import { startFixedCorsService, type FixedCorsService } from "./servers/fixed-cors-service";

/**
 * The domain migration check end to end: four example services on *.test
 * hostnames (the dashboard's server-side probe maps *.test to 127.0.0.1)
 * that allow the old origin only, both, none, and one whose published
 * allowlist has the new origin while the service does not (drift). Run from
 * the UI, read the matrix, apply the fix with an expiry, export the CSV.
 */
test.use({ storageState: ADMIN_STATE });

const OLD = "https://old-shop.test";
const NEW = "https://new-shop.test";
const PATHS = ["/health", "/api/orders"];

let services: Record<"old" | "both" | "none" | "drift" | "auth", FixedCorsService>;
test.beforeAll(async () => {
  services = {
    old: await startFixedCorsService({ allow: [OLD] }),
    both: await startFixedCorsService({ allow: [OLD, NEW] }),
    none: await startFixedCorsService({ allow: [] }),
    drift: await startFixedCorsService({ allow: [OLD] }),
    // Allows both origins, but its auth answers every preflight 401 before CORS runs.
    auth: await startFixedCorsService({ allow: [OLD, NEW], authBeforeCors: true }),
  };
});
test.afterAll(async () => {
  await Promise.all(Object.values(services ?? {}).map((s) => s.close()));
});

const env = (project: string) => `/api/v1/projects/${project}/environments/prod`;

/** Save a draft that takes the JSON POST's preflight and credentials for `origins`, and publish it. */
async function publish(request: APIRequestContext, project: string, origins: string[]) {
  const saved = await request.put(`${env(project)}/draft`, {
    headers: adminAuth,
    data: {
      revision: 0,
      origins: origins.map((value) => ({ value, note: null, expiresAt: null })),
      allowCredentials: true,
      allowedMethods: [],
      allowedHeaders: ["Content-Type"],
      reflectRequestHeaders: false,
      exposedHeaders: [],
      maxAgeSeconds: null,
      noOrigin: "allow",
      allowPrivateNetwork: false,
    },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  const res = await request.post(`${env(project)}/publish`, { headers: adminAuth, data: { revision: 1, message: "Service allowlist" } });
  expect(res.status(), await res.text()).toBeLessThan(300);
}

async function draftOrigins(request: APIRequestContext, project: string) {
  const res = await request.get(`${env(project)}/draft`, { headers: adminAuth });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { content: { origins: { value: string; note: string | null; expiresAt: string | null }[] } }).content.origins;
}

test("migration check: matrix, drift, one-click fix with expiry, saved report and CSV export", async ({ page, request }) => {
  test.setTimeout(120_000);
  const prefix = uniqueSlug("mig");
  const projects = {
    old: { slug: `${prefix}-old`, name: `Orders old-only ${prefix}`, base: `http://svc-old.test:${services.old.port}` },
    both: { slug: `${prefix}-both`, name: `Orders both ${prefix}`, base: `http://svc-both.test:${services.both.port}` },
    none: { slug: `${prefix}-none`, name: `Orders none ${prefix}`, base: `http://svc-none.test:${services.none.port}` },
    drift: { slug: `${prefix}-drift`, name: `Orders drift ${prefix}`, base: `http://svc-drift.test:${services.drift.port}` },
  };
  for (const p of Object.values(projects)) {
    await createProjectApi(request, { slug: p.slug, name: p.name, environments: [{ slug: "prod", name: "Production", protected: false, baseUrls: [p.base] }] });
  }
  await publish(request, projects.old.slug, [OLD]);
  await publish(request, projects.both.slug, [OLD, NEW]);
  await publish(request, projects.drift.slug, [OLD, NEW]); // the service ignores this: drift

  // Sample paths through the project page (one project), with a per-line error first; the API for the others.
  await page.goto(`/projects/${projects.old.slug}`);
  const paths = page.getByLabel("Sample paths");
  await paths.fill("/health\napi/orders");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByText("Line 2: Start the path with /")).toBeVisible();
  await paths.fill(PATHS.join("\n"));
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  for (const p of [projects.both, projects.none, projects.drift]) {
    const res = await request.patch(`/api/v1/projects/${p.slug}`, { headers: adminAuth, data: { samplePaths: PATHS } });
    expect(res.status(), await res.text()).toBe(200);
  }

  // The form: choose the four projects, the environment, the origins (with the core's one-click fix).
  await page.goto("/migrations");
  await expect(page.getByRole("heading", { name: "Migration checks" })).toBeVisible();
  for (const p of Object.values(projects)) await page.getByRole("checkbox", { name: p.name }).check();
  await expect(page.getByLabel("Environment")).toHaveValue("prod");
  await page.getByLabel("Old origin").fill("HTTPS://Old-Shop.test/");
  await page.getByLabel("New origin").fill(NEW);
  await page.getByRole("button", { name: "Run check" }).click();
  await expect(page.getByText("Remove the trailing slash")).toBeVisible();
  await page.getByRole("button", { name: `Use ${OLD}` }).click();
  await expect(page.getByLabel("Old origin")).toHaveValue(OLD);
  // Cells are decided in Chromium unless more engines are ticked (issue 16.3).
  const mustPassIn = page.getByRole("group", { name: "Must pass in" });
  await expect(mustPassIn.getByLabel("Chromium")).toBeChecked();
  await expect(mustPassIn.getByLabel("Firefox")).not.toBeChecked();
  await mustPassIn.getByLabel("Chromium").uncheck();
  await page.getByRole("button", { name: "Run check" }).click();
  await expect(mustPassIn.getByText("Name at least one engine the check must pass in, e.g. chromium.")).toBeVisible();
  await mustPassIn.getByLabel("Chromium").check();
  await shootBothSizes(page, "migrations-form");

  // The pending state says how much is probed and for how long at worst: the run is held back until the test has seen it.
  let releaseRun = () => {};
  const runHeld = new Promise<void>((resolve) => (releaseRun = resolve));
  await page.route("**/api/v1/migration-checks", async (route) => {
    if (route.request().method() === "POST") await runHeld;
    await route.continue();
  });
  await page.getByRole("button", { name: "Run check" }).click();
  // 4 environments × 2 sample paths; 4 hosts: two 5 s waves at worst + 48 answered probes.
  await expect(page.getByRole("status").filter({ hasText: "Probing 8 endpoints" })).toContainText("up to about 12 s");
  releaseRun();
  await page.waitForURL(/\/migrations\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  await page.unroute("**/api/v1/migration-checks");
  const reportId = page.url().split("/").at(-1) as string;

  // Summary and matrix.
  await expect(page.getByTestId("summary-ready").locator("dd")).toHaveText("2");
  await expect(page.getByTestId("summary-oldOnly").locator("dd")).toHaveText("4");
  await expect(page.getByTestId("summary-neither").locator("dd")).toHaveText("2");
  await expect(page.getByTestId("summary-partial").locator("dd")).toHaveText("0");
  await expect(page.getByTestId("summary-drift").locator("dd")).toHaveText("2");
  await expect(page.getByTestId("summary-unreachable").locator("dd")).toHaveText("0");
  const row = (base: string, path: string) => page.locator(`[data-testid=matrix-row][data-url="${base}${path}"]`);
  for (const path of PATHS) {
    await expect(row(projects.old.base, path)).toHaveAttribute("data-class", "old-only");
    await expect(row(projects.both.base, path)).toHaveAttribute("data-class", "ready");
    await expect(row(projects.none.base, path)).toHaveAttribute("data-class", "neither");
    await expect(row(projects.drift.base, path)).toHaveAttribute("data-class", "old-only");
  }
  const driftRow = row(projects.drift.base, "/health");
  await expect(driftRow.getByText("DRIFT").first()).toBeVisible();
  const driftCell = driftRow.locator('[data-testid=matrix-cell][data-shape="simple-get"][data-origin="new"]');
  await expect(driftCell).toHaveAttribute("data-drift", "allowlist-allows");
  await expect(driftCell).toContainText("allowlist: allowed");
  await driftCell.getByText("Why?").click();
  await expect(driftCell.getByText("the service is not using the published policy")).toBeVisible();
  await expect(driftCell.getByText(/Fix: Send Access-Control-Allow-Origin: https:\/\/new-shop\.test/)).toBeVisible();
  await expect(row(projects.old.base, "/health").getByText("DRIFT")).toHaveCount(0);
  await expect(row(projects.both.base, "/api/orders").locator('[data-shape="json-post"][data-origin="new"]')).toContainText("actual not checked");
  const testerLink = driftCell.getByRole("link", { name: "Open in tester" });
  const href = new URL((await testerLink.getAttribute("href")) ?? "", "http://x");
  expect([href.pathname, href.searchParams.get("url"), href.searchParams.get("origin"), href.searchParams.get("method")]).toEqual(["/tester", `${projects.drift.base}/health`, NEW, "GET"]);
  // Nothing was POSTed to the services: the JSON POST is checked up to its preflight.
  expect(Object.values(services).flatMap((s) => s.seen).filter((s) => s.startsWith("POST"))).toEqual([]);
  await shootBothSizes(page, "migrations-report");

  // Where each draft stands now, read with the report.
  const draftState = (slug: string) => page.getByTestId("draft-state").filter({ hasText: `${slug} / prod:` });
  await expect(draftState(projects.old.slug)).toContainText("draft lacks the new origin; old origin still listed, no expiry");
  await expect(draftState(projects.both.slug)).toContainText("draft has the new origin");
  await expect(draftState(projects.none.slug)).toContainText(`draft lacks the new origin; ${OLD} not listed`);

  // One click: the new origin into the drafts that lack it, the old one expiring.
  await page.getByLabel("Expire the old origin on (optional)").fill("2099-12-31");
  await page.getByRole("button", { name: "Add new origin to 2 drafts" }).click();
  const done = page.getByRole("status", { name: "What was changed" });
  await expect(done).toContainText(`${projects.old.slug} / prod: new origin added`);
  await expect(done).toContainText(`${projects.both.slug} / prod: already there; old origin expires 2099-12-31`);
  await expect(done).toContainText(`${projects.none.slug} / prod: new origin added`);
  await expect(done).toContainText("the old origin is not listed in this draft");
  await expect(done.getByRole("listitem").filter({ hasText: projects.old.slug }).getByRole("link", { name: "Review and publish" })).toHaveAttribute("href", `/projects/${projects.old.slug}/prod`);
  // The button counts the drafts as they are now: none left, so no re-apply is offered.
  await expect(page.getByRole("status").filter({ hasText: "All drafts have the new origin." })).toBeVisible();
  await expect(page.getByRole("button", { name: /Add new origin/ })).toHaveCount(0);
  await expect(draftState(projects.old.slug)).toContainText("draft has the new origin; old origin expires 2099-12-31");
  // The matrix's group headers say the same (the drafts now, not as they were at the check).
  const matrixDraftState = (slug: string) => page.locator(`[data-testid=matrix-group][aria-label^="${slug} /"]`).getByTestId("matrix-draft-state");
  await expect(matrixDraftState(projects.old.slug)).toHaveText("· draft has the new origin");
  await expect(matrixDraftState(projects.none.slug)).toHaveText("· draft has the new origin");
  await shootBothSizes(page, "migrations-applied");
  await page.reload();
  await expect(page.getByText("All drafts have the new origin.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Add new origin/ })).toHaveCount(0);

  const oldDraft = await draftOrigins(request, projects.old.slug);
  expect(oldDraft.map((o) => [o.value, o.expiresAt])).toEqual([
    [OLD, "2099-12-31T00:00:00.000Z"],
    [NEW, null],
  ]);
  expect(oldDraft[1]?.note).toMatch(/^Added by migration check \d{4}-\d{2}-\d{2}: replaces https:\/\/old-shop\.test$/);
  expect((await draftOrigins(request, projects.none.slug)).map((o) => o.value)).toEqual([NEW]);
  expect((await draftOrigins(request, projects.both.slug)).map((o) => [o.value, o.expiresAt])).toEqual([
    [OLD, "2099-12-31T00:00:00.000Z"],
    [NEW, null],
  ]);

  // The report is listed and exports as CSV evidence: one record per endpoint × shape × origin.
  await page.goto("/migrations");
  const item = page.getByTestId("report-item").filter({ hasText: projects.drift.slug }).first();
  await expect(item).toContainText(`${OLD} → ${NEW}`);
  await expect(item).toContainText("2 ready · 4 old only · 2 neither · 0 partial · 2 drift · 0 unreachable");
  await item.getByRole("link").click();
  await page.waitForURL(`**/migrations/${reportId}`);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^corsboard-migration-check-.*\.csv$/);
  const csv = readFileSync(await download.path(), "utf8").trimEnd().split("\r\n");
  expect(csv[0]).toBe("project,environment,url,class,shape,originRole,origin,method,credentials,live,stage,actualChecked,allowlist,draft,drift,diagnosis,reason,fix,engines,blockedIn,engineRule");
  expect(csv).toHaveLength(1 + 8 * 6);
  expect(csv.filter((l) => l.startsWith(`${projects.drift.slug},prod,${projects.drift.base}/health,old-only,simple-get,new,${NEW},GET,omit,blocked,actual,true,allowed,`))).toHaveLength(1);
  expect(csv.filter((l) => l.includes(",allowlist-allows,"))).toHaveLength(6);

  const md = await request.get(`/api/v1/migration-checks/${reportId}/export?format=md`, { headers: adminAuth });
  expect(md.headers()["content-disposition"]).toMatch(/attachment; filename="corsboard-migration-check-.*\.md"/);
  expect(await md.text()).toContain(`# Domain migration check: ${OLD} → ${NEW}`);
});

test("migration reports list: older reports a page at a time with Load more", async ({ page, request }) => {
  test.setTimeout(120_000);
  const slug = uniqueSlug("migpage");
  await createProjectApi(request, { slug, name: `Paging ${slug}`, environments: [{ slug: "prod", name: "Production", protected: false, baseUrls: [`http://svc-page.test:${services.both.port}/health`] }] });
  // Check runs are limited per caller (6 a minute): 21 runs from 4 short-lived API tokens.
  const tokens: { id: string; secret: string }[] = [];
  for (let k = 0; k < 4; k++) {
    const created = await request.post("/api/v1/tokens", { headers: adminAuth, data: { name: `${slug}-${k}`, scope: "admin" } });
    expect(created.status(), await created.text()).toBe(201);
    const body = (await created.json()) as { token: { id: string }; secret: string };
    tokens.push({ id: body.token.id, secret: body.secret });
  }
  for (let i = 0; i < 21; i++) {
    const token = tokens[Math.floor(i / 6)] as { secret: string };
    const res = await request.post("/api/v1/migration-checks", { headers: { authorization: `Bearer ${token.secret}` }, data: { targets: [{ project: slug, environment: "prod" }], oldOrigin: OLD, newOrigin: `https://new-${i}.test` } });
    expect(res.status(), await res.text()).toBe(201);
  }
  for (const token of tokens) expect((await request.delete(`/api/v1/tokens/${token.id}`, { headers: adminAuth })).status()).toBe(200);
  // The API pages by cursor, newest first, without repeats.
  const first = (await (await request.get("/api/v1/migration-checks?limit=20", { headers: adminAuth })).json()) as { reports: { id: string; newOrigin: string }[]; nextCursor: string | null };
  expect(first.reports).toHaveLength(20);
  expect(first.reports[0]?.newOrigin).toBe("https://new-20.test");
  expect(first.nextCursor).toBe(first.reports[19]?.id);
  const second = (await (await request.get(`/api/v1/migration-checks?limit=20&cursor=${first.nextCursor}`, { headers: adminAuth })).json()) as { reports: { id: string }[] };
  expect(second.reports.length).toBeGreaterThan(0);
  expect(second.reports.some((r) => first.reports.some((f) => f.id === r.id))).toBe(false);
  expect((await request.get("/api/v1/migration-checks?limit=101", { headers: adminAuth })).status()).toBe(422);

  await page.goto("/migrations");
  const items = page.getByTestId("report-item");
  await expect(items).toHaveCount(20);
  await expect(items.first()).toContainText("https://new-20.test");
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(items.filter({ hasText: `${OLD} → https://new-0.test` })).toHaveCount(1);
  expect(await items.count()).toBeGreaterThan(20);
  await shootBothSizes(page, "migrations-list-more");
});

test("migration check: auth answering the preflight with 401 is diagnosed as auth before CORS, counted apart, not drift", async ({ page, request }) => {
  const slug = uniqueSlug("mig-auth");
  const base = `http://svc-auth.test:${services.auth.port}`;
  await createProjectApi(request, { slug, name: `Orders auth ${slug}`, environments: [{ slug: "prod", name: "Production", protected: false, baseUrls: [base] }] });
  await publish(request, slug, [OLD, NEW]);
  const patched = await request.patch(`/api/v1/projects/${slug}`, { headers: adminAuth, data: { samplePaths: ["/api/orders"] } });
  expect(patched.status(), await patched.text()).toBe(200);
  const run = await request.post("/api/v1/migration-checks", { headers: adminAuth, data: { targets: [{ project: slug, environment: "prod" }], oldOrigin: OLD, newOrigin: NEW } });
  expect(run.status(), await run.text()).toBe(201);
  const { report } = (await run.json()) as { report: { id: string } };

  await page.goto(`/migrations/${report.id}`);
  await expect(page.getByTestId("summary-authBeforeCors").locator("dd")).toHaveText("1");
  await expect(page.getByTestId("summary-drift").locator("dd")).toHaveText("0");
  const row = page.locator(`[data-testid=matrix-row][data-url="${base}/api/orders"]`);
  await expect(row).toHaveAttribute("data-class", "auth-before-cors");
  await expect(row.getByText("DRIFT")).toHaveCount(0);
  const cell = row.locator('[data-testid=matrix-cell][data-shape="json-post"][data-origin="new"]');
  await expect(cell).toHaveAttribute("data-diagnosis", "auth-before-cors");
  await cell.getByText("Why?").click();
  await expect(cell).toContainText("Authentication answered the OPTIONS preflight with 401 before CORS");
  await expect(cell).toContainText("answer OPTIONS (with the CORS headers and a 2xx status) before the auth check");
  await expect(cell).not.toContainText("not using the published policy");
  await shootBothSizes(page, "migrations-auth-before-cors");
});
