import { expect, test, type Page } from "@playwright/test";
import { adminAuth } from "./support/api";
import { envApi, getDraft, putOrigins, signInAsNewEditor } from "./support/editor-fixtures";
import { createProjectApi, shootBothSizes, uniqueSlug } from "./support/project-fixtures";
import { ADMIN_STATE } from "./support/paths";
import { startExampleService, type ExampleService } from "./services/start-example-service";

/**
 * Saved checks end to end: a service on http://api.test follows the
 * environment's published policy (the example service with the SDK). An
 * editor saves a check "app.test can PUT orders with a token", runs it (pass,
 * preflight only), opts it in to sending the PUT itself and runs it again
 * (pass, the actual response checked too), removes app.test from the draft — the publish dialog warns that this breaks
 * the check and wants "Publish anyway" — publishes, and the run after the
 * publish shows the check failing on the environment page without a reload.
 */
test.use({ storageState: ADMIN_STATE });
test.describe.configure({ timeout: 180_000 });

const APP_ORIGIN = "http://app.test";

let service: ExampleService | undefined;
test.afterEach(async () => {
  await service?.stop();
  service = undefined;
});

/** The whole page at both sizes (no sideways scroll), and the panel itself at both sizes, to look at. */
async function shootPanel(page: Page, name: string) {
  await shootBothSizes(page, name);
  const card = page.getByTestId("saved-checks").locator("xpath=..").locator("xpath=..");
  for (const [suffix, size] of [["panel", { width: 1280, height: 800 }], ["panel-narrow", { width: 390, height: 844 }]] as const) {
    await page.setViewportSize(size);
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: `e2e/.artifacts/${name}-${suffix}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test("a saved check passes, the publish dialog warns before breaking it, and the post-publish run shows it failing", async ({ page, request, baseURL }) => {
  const slug = uniqueSlug("checks");
  await createProjectApi(request, { slug, name: `Checks ${slug}`, environments: [{ slug: "live", name: "Live" }] });

  // Version 1 allows the app to PUT JSON with a token.
  const draft = await getDraft(request, slug, "live");
  const saved = await request.put(`${envApi(slug, "live")}/draft`, {
    headers: adminAuth,
    data: {
      ...draft.content,
      revision: draft.revision,
      origins: [{ value: APP_ORIGIN, note: null, expiresAt: null }, { value: "https://www.storefront.example", note: null, expiresAt: null }],
      allowedMethods: ["PUT"],
      allowedHeaders: ["authorization", "content-type"],
    },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  const published = await request.post(`${envApi(slug, "live")}/publish`, { headers: adminAuth, data: { message: "Initial policy", revision: ((await saved.json()) as { revision: number }).revision } });
  expect(published.status(), await published.text()).toBe(201);

  const created = await request.post("/api/v1/tokens", { headers: adminAuth, data: { name: `target ${slug}`, scope: "config_read", project: slug, environment: "live" } });
  expect(created.status(), await created.text()).toBe(201);
  service = await startExampleService({ CORSBOARD_URL: baseURL!, CORSBOARD_TOKEN: ((await created.json()) as { secret: string }).secret, CORSBOARD_PROJECT: slug, CORSBOARD_ENVIRONMENT: "live", CORSBOARD_REFRESH: "sse" });
  const apiBase = `http://api.test:${service.port}`;
  const patched = await request.patch(envApi(slug, "live"), { headers: adminAuth, data: { baseUrls: [apiBase] } });
  expect(patched.status(), await patched.text()).toBe(200);

  // Empty state.
  await page.goto(`/projects/${slug}/live`);
  const panel = page.getByRole("region", { name: "Saved checks" });
  await expect(page.getByTestId("saved-checks-empty")).toContainText("A saved check is a request that must keep working");
  await shootPanel(page, "saved-checks-empty");

  // Add a check; the URL starts from the environment's base URL.
  await panel.getByRole("button", { name: "Add the first check" }).click();
  const form = page.getByRole("dialog", { name: "Add a saved check" });
  await expect(form.getByLabel("URL")).toHaveValue(apiBase);
  await form.getByLabel("Name").fill("app can PUT orders with a token");
  await form.getByLabel("URL").fill(`${apiBase}/api/orders`);
  await form.getByLabel("Page origin").fill(`${APP_ORIGIN}/`);
  await form.getByLabel("Method").selectOption("PUT");
  await form.getByLabel("Request headers").fill("Content-Type: application/json\nAuthorization: Bearer service-secret");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "e2e/.artifacts/saved-checks-form-narrow.png" });
  await page.setViewportSize({ width: 1280, height: 800 });
  await form.getByRole("button", { name: "Add check" }).click();
  // The origin with a trailing slash is refused with the canonical form.
  await expect(form.getByText("Give the serialized origin only (no path, query or trailing slash): http://app.test.")).toBeVisible();
  await form.getByLabel("Page origin").fill(APP_ORIGIN);
  await form.getByRole("button", { name: "Add check" }).click();
  await expect(form).toBeHidden();
  const row = panel.getByTestId("saved-check-row").filter({ hasText: "app can PUT orders with a token" });
  await expect(row).toContainText(`${APP_ORIGIN} → PUT ${apiBase}/api/orders`);
  await expect(row).toContainText("Not run yet.");

  // Run it: the service allows app.test.
  await row.getByRole("button", { name: "Run app can PUT orders with a token" }).click();
  await expect(row.getByTestId("check-result")).toContainText("pass");
  await expect(row.getByTestId("check-result")).toContainText("run by hand");
  await expect(row.getByTestId("check-result")).toContainText("v1");
  // A PUT is never sent by a run (side effects): the pass covers the preflight only, and says so.
  await expect(row.getByTestId("preflight-only")).toContainText("Preflight only — the actual response was not checked");
  await expect(page.getByTestId("saved-checks-summary")).toContainText("All checks pass.");
  await shootPanel(page, "saved-checks-passing");

  // Opt in to sending the PUT itself: the form warns what every run will really do.
  await row.getByRole("button", { name: "Edit app can PUT orders with a token" }).click();
  const edit = page.getByRole("dialog", { name: "Edit saved check" });
  const sendActual = edit.getByLabel("Also send the actual PUT request");
  await expect(sendActual).not.toBeChecked();
  await sendActual.check();
  await expect(edit.getByRole("status").filter({ hasText: "Corsboard will really send the PUT" })).toContainText(
    "Corsboard will really send the PUT — with its headers, without a body — to the target on every run, including after each publish; use a test endpoint.",
  );
  await page.setViewportSize({ width: 390, height: 844 });
  await sendActual.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/.artifacts/saved-checks-send-actual-form-narrow.png" });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: "e2e/.artifacts/saved-checks-send-actual-form.png" });
  await edit.getByRole("button", { name: "Save check" }).click();
  await expect(edit).toBeHidden();
  // What it probes changed, so the old (preflight-only) result is gone until it runs again.
  await expect(row).toContainText("Not run yet.");
  await expect(row).toContainText("sends the PUT");
  await row.getByRole("button", { name: "Run app can PUT orders with a token" }).click();
  await expect(row.getByTestId("check-result")).toContainText("pass");
  await expect(row.getByTestId("preflight-only")).toHaveCount(0);
  await shootPanel(page, "saved-checks-send-actual");

  // Remove app.test from the draft and publish: the dialog warns first.
  await page.getByRole("button", { name: `Remove ${APP_ORIGIN}` }).first().click();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  await page.getByRole("button", { name: "Publish…" }).click();
  const dialog = page.getByRole("dialog", { name: "Publish Live" });
  const warning = dialog.getByTestId("publish-check-impact");
  await expect(warning).toContainText("This publish would break 1 saved check");
  await expect(warning.getByTestId("broken-check")).toContainText("app can PUT orders with a token");
  await expect(warning.getByTestId("broken-check")).toContainText("Fix:");
  // The check sends the PUT, so its warning claims no "preflight only".
  await expect(warning.getByTestId("broken-check")).not.toContainText("preflight only");
  await dialog.getByLabel("Message").fill("Retire the app.test front end");
  const publish = dialog.getByRole("button", { name: "Publish", exact: true });
  await expect(publish).toBeDisabled();
  await warning.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/.artifacts/saved-checks-publish-warning.png" });
  await page.setViewportSize({ width: 390, height: 844 });
  await warning.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/.artifacts/saved-checks-publish-warning-narrow.png" });
  await page.setViewportSize({ width: 1280, height: 800 });
  await warning.getByLabel("Publish anyway").check();
  await expect(publish).toBeEnabled();
  await publish.click();
  await expect(dialog.getByText("Published Live v2.")).toBeVisible();
  await dialog.getByRole("button", { name: "Done" }).click();

  // The run after the publish shows up on its own (no reload): failing, on v2.
  const result = row.getByTestId("check-result");
  await expect(result).toContainText("after publish", { timeout: 30_000 });
  await expect(result).toContainText("fail");
  await expect(result).toContainText("v2");
  await expect(page.getByTestId("saved-checks-summary")).toContainText("1 check failing");
  await result.locator("summary").click();
  await expect(result).toContainText("Fix:");
  await shootPanel(page, "saved-checks-failing");
});

test("viewers see saved checks read-only", async ({ browser, request, baseURL }) => {
  const slug = uniqueSlug("checksro");
  await createProjectApi(request, { slug, name: `Read-only ${slug}`, environments: [{ slug: "dev", name: "Dev" }] });
  const added = await request.post(`${envApi(slug, "dev")}/checks`, { headers: adminAuth, data: { name: "partner can GET", url: "https://api.partner.test/items", origin: "https://partner.test" } });
  expect(added.status(), await added.text()).toBe(201);
  const email = `viewer-${slug}@corsboard.test`;
  const password = "password-for-viewer-tests";
  const user = await request.post("/api/v1/users", { headers: adminAuth, data: { email, name: "Viewer", password, role: "viewer" } });
  expect(user.status(), await user.text()).toBe(201);
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, baseURL: baseURL! });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
  await page.goto(`/projects/${slug}/dev`);
  const panel = page.getByRole("region", { name: "Saved checks" });
  await expect(panel.getByTestId("saved-check-row")).toContainText("partner can GET");
  await expect(panel.getByRole("button")).toHaveCount(0);
  await context.close();
});

test("approving a change request and rolling back warn before breaking saved checks, like publishing", async ({ page, request, browser, baseURL }) => {
  const slug = uniqueSlug("checksgo");
  await createProjectApi(request, { slug, name: `Go live ${slug}`, environments: [{ slug: "prod", name: "Prod", protected: false }] });
  // v1 lets the app in; then the environment becomes protected.
  const v1Draft = await putOrigins(request, slug, "prod", ["https://app.example.com"]);
  const v1 = await request.post(`${envApi(slug, "prod")}/publish`, { headers: adminAuth, data: { message: "Let the app in", revision: v1Draft.revision } });
  expect(v1.status(), await v1.text()).toBe(201);
  expect(((await v1.json()) as { brokenChecks: unknown[] }).brokenChecks).toEqual([]);
  expect((await request.patch(envApi(slug, "prod"), { headers: adminAuth, data: { protected: true } })).status()).toBe(200);
  for (const [name, origin] of [["app can GET", "https://app.example.com"], ["partner can GET", "https://partner.example.com"]]) {
    const added = await request.post(`${envApi(slug, "prod")}/checks`, { headers: adminAuth, data: { name, url: "https://api.example.com/items", origin } });
    expect(added.status(), await added.text()).toBe(201);
  }

  // A change request that swaps the app for the partner: the API reports what it breaks.
  const v2Draft = await putOrigins(request, slug, "prod", ["https://partner.example.com"]);
  const cr = await request.post(`${envApi(slug, "prod")}/publish`, { headers: adminAuth, data: { message: "Partner instead of app", revision: v2Draft.revision } });
  expect(cr.status(), await cr.text()).toBe(202);
  expect(((await cr.json()) as { brokenChecks: { name: string }[] }).brokenChecks.map((c) => c.name)).toEqual(["app can GET"]);

  // The reviewer sees the warning and must tick "Approve anyway".
  const reviewer = await signInAsNewEditor(browser, request, baseURL!);
  await reviewer.page.goto("/approvals");
  const card = reviewer.page.getByTestId("change-request").filter({ hasText: `${slug} / prod` });
  const warning = card.getByTestId("publish-check-impact");
  await expect(warning).toContainText("Approving this change would break 1 saved check");
  await expect(warning.getByTestId("broken-check")).toContainText("app can GET");
  const approve = card.getByRole("button", { name: "Approve and publish" });
  await expect(approve).toBeDisabled();
  await shootBothSizes(reviewer.page, "saved-checks-approval-warning");
  await warning.getByLabel("Approve anyway").check();
  await expect(approve).toBeEnabled();
  await approve.click();
  await expect(reviewer.page.getByText(`Approved: ${slug} / prod is now live at v2.`)).toBeVisible();
  await reviewer.context.close();

  // Rolling back to v1 would break the partner's check: the rollback form warns too.
  await page.goto(`/projects/${slug}/prod/history`);
  const v1Item = page.getByTestId("version").filter({ hasText: "Let the app in" });
  await v1Item.getByRole("button", { name: /Roll back to this version/ }).click();
  const form = page.getByRole("form", { name: "Roll back to v1" });
  const rollbackWarning = form.getByTestId("publish-check-impact");
  await expect(rollbackWarning).toContainText("This rollback would break 1 saved check");
  await expect(rollbackWarning.getByTestId("broken-check")).toContainText("partner can GET");
  const submit = form.getByRole("button", { name: "Request rollback to v1" });
  await expect(submit).toBeDisabled();
  await shootBothSizes(page, "saved-checks-rollback-warning");
  await rollbackWarning.getByLabel("Roll back anyway").check();
  await expect(submit).toBeEnabled();
});
