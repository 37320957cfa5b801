import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { adminAuth } from "./support/api";
import { connectExampleService, type ExampleService } from "./services/start-example-service";
import { envApi, getDraft } from "./support/editor-fixtures";
import { createProjectApi, uniqueSlug } from "./support/project-fixtures";
import { ADMIN_STATE } from "./support/paths";

/**
 * Three origins, one story: a page on http://app.test calls a service on
 * http://api.test (the example Express service, protected by the SDK), whose
 * policy lives in the dashboard on http://127.0.0.1. The browser blocks the
 * call; an editor adds the page's origin in the editor and publishes; within
 * a second or two — no restart — the same browser call goes through; the
 * editor removes it again and the browser blocks it again. The environment
 * page then lists the service as a consumer on the latest version.
 */
test.use({ storageState: ADMIN_STATE });
test.describe.configure({ timeout: 180_000 });

/** The front end on its own origin: one static page. */
async function startPageServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end('<!doctype html><title>app.test</title><h1>The storefront front end</h1><p>Last call to the API: <output id="result">none yet</output></p>');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A cross-origin call that needs a preflight (JSON body, Authorization), made by the page itself. */
function callApi(page: Page, apiOrigin: string): Promise<string> {
  return page.evaluate(async (url) => {
    let result: string;
    try {
      const res = await fetch(`${url}/api/orders`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer service-secret" },
        body: JSON.stringify({ item: "kettle" }),
      });
      result = `status ${res.status}`;
    } catch (e) {
      result = e instanceof TypeError ? "blocked" : `error ${String(e)}`;
    }
    document.getElementById("result")!.textContent = `${result} (${new Date().toISOString()})`;
    return result;
  }, apiOrigin);
}

let service: ExampleService | undefined;
let pages: { port: number; close: () => Promise<void> } | undefined;

test.afterEach(async () => {
  await service?.stop();
  await pages?.close();
  service = undefined;
  pages = undefined;
});

test("a page on app.test is blocked, allowed within a second of publishing, and blocked again after removal — no restart", async ({ page, request, browser, baseURL }) => {
  mkdirSync("e2e/.artifacts", { recursive: true });
  const slug = uniqueSlug("live");
  await createProjectApi(request, { slug, name: `Live ${slug}`, environments: [{ slug: "live", name: "Live" }] });

  // Version 1: the service's own settings, without app.test.
  const draft = await getDraft(request, slug, "live");
  const saved = await request.put(`${envApi(slug, "live")}/draft`, {
    headers: adminAuth,
    data: {
      ...draft.content,
      revision: draft.revision,
      origins: [{ value: "https://www.storefront.example", note: null, expiresAt: null }],
      allowedMethods: ["GET", "POST", "PUT"],
      allowedHeaders: ["authorization", "content-type"],
      maxAgeSeconds: null, // no preflight caching in the browser: each call asks again
    },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  const revision = ((await saved.json()) as { revision: number }).revision;
  const published = await request.post(`${envApi(slug, "live")}/publish`, { headers: adminAuth, data: { message: "Initial policy", revision } });
  expect(published.status(), await published.text()).toBeLessThan(300);

  // A read token for the service, created with the admin token.
  const tokenName = `example-service ${slug}`;
  service = await connectExampleService(request, { baseURL: baseURL!, project: slug, environment: "live", tokenName }, { CORSBOARD_REFRESH: "sse" });
  pages = await startPageServer();
  const apiOrigin = `http://api.test:${service.port}`;
  const appOrigin = `http://app.test:${pages.port}`;
  const status = await (await fetch(`http://127.0.0.1:${service.port}/corsboard/status`)).json();
  expect(status).toMatchObject({ version: 1, source: "server" });

  // (a) The front end's call is blocked: the preflight is refused.
  const appContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const app = await appContext.newPage();
  await app.goto(`${appOrigin}/`);
  await expect(app.getByRole("heading", { name: "The storefront front end" })).toBeVisible();
  expect(await callApi(app, apiOrigin)).toBe("blocked");
  await app.screenshot({ path: "e2e/.artifacts/config-live-app-blocked.png" });

  // (b) The editor adds the origin in the dashboard and publishes.
  await page.goto(`/projects/${slug}/live`);
  await expect(page.getByRole("heading", { level: 1, name: `Live ${slug} · Live` })).toBeVisible();
  const addBox = page.getByRole("region", { name: "Add origins" });
  await addBox.getByLabel("Origins to add", { exact: true }).fill(appOrigin);
  await addBox.getByRole("button", { name: "Add origin" }).click();
  await publishThroughUi(page, "Allow the app.test front end", 2);

  // (c) Within ~a second, the same browser call goes through (the service was not restarted).
  const allowedAt = Date.now();
  await expect.poll(() => callApi(app, apiOrigin), { timeout: 2_000, intervals: [100] }).toBe("status 201");
  const allowLatency = Date.now() - allowedAt;
  console.log(`allowed ${allowLatency} ms after the publish showed in the UI`);
  await app.screenshot({ path: "e2e/.artifacts/config-live-app-allowed.png" });

  // (d) The editor removes it and publishes; blocked again.
  await page.getByRole("button", { name: `Remove ${appOrigin}` }).first().click();
  await publishThroughUi(page, "The app.test front end is gone", 3);
  const removedAt = Date.now();
  await expect.poll(() => callApi(app, apiOrigin), { timeout: 2_000, intervals: [100] }).toBe("blocked");
  console.log(`blocked again ${Date.now() - removedAt} ms after the publish showed in the UI`);
  expect(service.child.exitCode).toBeNull();
  expect(service.output()).not.toMatch(/LISTENING[\s\S]*LISTENING/);

  // The environment page lists the service on the latest version, and the origins it saw.
  const consumers = page.getByRole("list", { name: "Consumer instances" });
  await expect(async () => {
    await page.reload();
    await expect(consumers.getByTestId("consumer-row").filter({ hasText: tokenName })).toContainText("latest", { timeout: 3_000 });
    await expect(page.getByRole("list", { name: "Observed origins" }).getByTestId("observed-row").filter({ hasText: appOrigin })).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  const row = consumers.getByTestId("consumer-row").filter({ hasText: tokenName });
  await expect(row).toContainText("v3");
  await expect(row).not.toContainText("stale");
  const observedRow = page.getByRole("list", { name: "Observed origins" }).getByTestId("observed-row").filter({ hasText: appOrigin });
  await expect(observedRow).toContainText(/[1-9]\d* allowed/);
  await expect(observedRow).toContainText(/[1-9]\d* rejected/);
  await expect(page.getByTestId("consumers-summary")).toHaveText("All 1 on the latest version (v3).");

  const panel = page.getByRole("region", { name: "Consumers" });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: "e2e/.artifacts/config-live-dashboard.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(150);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "the environment page scrolls sideways at 390px").toBeLessThanOrEqual(0);
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/.artifacts/config-live-dashboard-narrow.png" });
  await appContext.close();
});

test("the consumers panel says how to connect a service when none has fetched the config", async ({ page, request }) => {
  const slug = uniqueSlug("noconsumers");
  await createProjectApi(request, { slug, name: `Quiet ${slug}`, environments: [{ slug: "dev", name: "Dev" }] });
  await page.goto(`/projects/${slug}/dev`);
  const empty = page.getByTestId("consumers-empty");
  await expect(empty).toContainText("No service has fetched this environment's config yet");
  await expect(empty.getByRole("link", { name: "API tokens page" })).toHaveAttribute("href", "/settings/tokens");
  await page.setViewportSize({ width: 390, height: 844 });
  await empty.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/.artifacts/config-live-no-consumers-narrow.png" });
});

/** Save the draft, then Publish… → message → Publish, as a person does. */
async function publishThroughUi(page: Page, message: string, expectedVersion: number) {
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  await page.getByRole("button", { name: "Publish…" }).click();
  const dialog = page.getByRole("dialog", { name: "Publish Live" });
  await dialog.getByLabel("Message").fill(message);
  await dialog.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(dialog.getByText(`Published Live v${expectedVersion}.`)).toBeVisible();
  await dialog.getByRole("button", { name: "Done" }).click();
}
