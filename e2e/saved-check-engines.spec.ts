import { expect, test } from "@playwright/test";
import { adminAuth } from "./support/api";
import { envApi, getDraft } from "./support/editor-fixtures";
import { createProjectApi, uniqueSlug } from "./support/project-fixtures";
import { ADMIN_STATE } from "./support/paths";
import { startExampleService, type ExampleService } from "./services/start-example-service";

/**
 * Saved checks that must pass in several engines (issue 16.3): a service on
 * http://api.test follows a policy that allows app.test but no extra request
 * headers. A GET with the client hint `DPR: 2` is allowed in Chromium (client
 * hints are safelisted: no preflight) and blocked in Firefox (it preflights,
 * and the service's preflight does not allow DPR). The form's "Must pass in"
 * picks the engines, the list shows them, and a run names the engine that
 * failed and the rule.
 */
test.use({ storageState: ADMIN_STATE });
test.describe.configure({ timeout: 180_000 });

const APP_ORIGIN = "http://app.test";

let service: ExampleService | undefined;
test.afterEach(async () => {
  await service?.stop();
  service = undefined;
});

test("a check that must pass in Chromium and Firefox fails naming Firefox; in Chromium only it passes", async ({ page, request, baseURL }) => {
  const slug = uniqueSlug("engines");
  await createProjectApi(request, { slug, name: `Engines ${slug}`, environments: [{ slug: "live", name: "Live" }] });
  const draft = await getDraft(request, slug, "live");
  const saved = await request.put(`${envApi(slug, "live")}/draft`, {
    headers: adminAuth,
    data: { ...draft.content, revision: draft.revision, origins: [{ value: APP_ORIGIN, note: null, expiresAt: null }] },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  const published = await request.post(`${envApi(slug, "live")}/publish`, { headers: adminAuth, data: { message: "Initial policy", revision: ((await saved.json()) as { revision: number }).revision } });
  expect(published.status(), await published.text()).toBe(201);
  const created = await request.post("/api/v1/tokens", { headers: adminAuth, data: { name: `target ${slug}`, scope: "config_read", project: slug, environment: "live" } });
  expect(created.status(), await created.text()).toBe(201);
  service = await startExampleService({ CORSBOARD_URL: baseURL!, CORSBOARD_TOKEN: ((await created.json()) as { secret: string }).secret, CORSBOARD_PROJECT: slug, CORSBOARD_ENVIRONMENT: "live", CORSBOARD_REFRESH: "sse" });
  const apiBase = `http://api.test:${service.port}`;

  await page.goto(`/projects/${slug}/live`);
  const panel = page.getByRole("region", { name: "Saved checks" });
  await panel.getByRole("button", { name: "Add the first check" }).click();
  const form = page.getByRole("dialog", { name: "Add a saved check" });
  await form.getByLabel("Name").fill("app reads with a client hint");
  await form.getByLabel("URL").fill(`${apiBase}/api/orders`);
  await form.getByLabel("Page origin").fill(APP_ORIGIN);
  await form.getByLabel("Request headers").fill("DPR: 2");
  // Chromium is ticked by default; untick everything and the form says to name one.
  const mustPassIn = form.getByRole("group", { name: "Must pass in" });
  await expect(mustPassIn.getByLabel("Chromium")).toBeChecked();
  await expect(mustPassIn.getByLabel("Firefox")).not.toBeChecked();
  await expect(mustPassIn.getByLabel("WebKit (modelled)")).not.toBeChecked();
  await mustPassIn.getByLabel("Chromium").uncheck();
  await form.getByRole("button", { name: "Add check" }).click();
  await expect(form.getByText("Name at least one engine the check must pass in, e.g. chromium.")).toBeVisible();
  await mustPassIn.getByLabel("Chromium").check();
  await mustPassIn.getByLabel("Firefox").check();
  await page.screenshot({ path: "e2e/.artifacts/saved-check-engines-form.png" });
  await form.getByRole("button", { name: "Add check" }).click();
  await expect(form).toBeHidden();

  const row = panel.getByTestId("saved-check-row").filter({ hasText: "app reads with a client hint" });
  await expect(row.getByTestId("check-engines")).toHaveText("in Chromium and Firefox");
  await row.getByRole("button", { name: "Run app reads with a client hint" }).click();
  const result = row.getByTestId("check-result");
  await expect(result).toContainText("fail");
  await expect(result).toContainText("Failed in Firefox");
  await result.getByText("Failed in Firefox").click();
  await expect(row.getByTestId("failed-engine")).toContainText("Firefox blocks it at the preflight");
  await expect(row.getByTestId("failed-engine")).toContainText("client-hints-safelisted");
  await expect(row.getByRole("list", { name: "Verdict per engine" })).toContainText("✓ Chromium: allowed");
  await page.screenshot({ path: "e2e/.artifacts/saved-check-engines-failed.png" });

  // Required in Chromium only, the same check passes.
  await row.getByRole("button", { name: "Edit app reads with a client hint" }).click();
  const edit = page.getByRole("dialog", { name: "Edit saved check" });
  await edit.getByRole("group", { name: "Must pass in" }).getByLabel("Firefox").uncheck();
  await edit.getByRole("button", { name: "Save check" }).click();
  await expect(edit).toBeHidden();
  await expect(row.getByTestId("check-engines")).toHaveText("in Chromium");
  await row.getByRole("button", { name: "Run app reads with a client hint" }).click();
  await expect(result).toContainText("pass");
});
