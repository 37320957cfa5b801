import { expect, test, type Page } from "@playwright/test";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { E2E_PORT } from "./support/test-env.mjs";
import { ADMIN_STATE } from "./support/paths";
import { shootBothSizes } from "./support/project-fixtures";
import { startTesterTargets, type TesterTargets } from "./servers/tester-targets";

/**
 * The tester says where "Run in this browser" runs from (the dashboard's
 * origin) and hands the request over as curl and as fetch(): the fetch()
 * snippet, pasted in a page of the app's own origin, really runs from there.
 */
const DASHBOARD = `http://127.0.0.1:${E2E_PORT}`;

let targets: TesterTargets;
let appServer: Server;
let appOrigin: string;

test.beforeAll(async () => {
  // The "app": a page on its own origin, where the fetch() snippet gets pasted.
  appServer = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>Shop app</title><p>The app"));
  await new Promise<void>((resolve) => appServer.listen(0, "127.0.0.1", resolve));
  appOrigin = `http://shop-app.test:${(appServer.address() as AddressInfo).port}`;
  targets = await startTesterTargets({ allowedOrigins: [DASHBOARD, appOrigin] });
});
test.afterAll(async () => {
  await targets?.close();
  await new Promise((resolve) => appServer?.close(resolve));
});

test.use({ storageState: ADMIN_STATE });

const form = (page: Page) => page.getByRole("form", { name: "Request to test" });

test("Run in this browser says it runs from the dashboard's origin; the request copies as curl and as a fetch() that runs from the app's origin", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: DASHBOARD });
  await page.goto("/tester");
  const description = page.getByTestId("mode-description");
  await expect(description).toContainText(`its Origin is the dashboard's: ${DASHBOARD}, not your app's`);
  await expect(description).toContainText("To test your app's origin: use Probe as another origin");
  await expect(description).toContainText("Copy as fetch() and paste it in the DevTools console of a page of your app");
  await shootBothSizes(page, "tester-run-here");

  // Nothing to copy before the form is right: the same field errors as running.
  await form(page).getByRole("button", { name: "Copy as curl" }).click();
  await expect(form(page).getByLabel("URL", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("request-snippet")).toHaveCount(0);

  await page.getByRole("tab", { name: "Probe as another origin" }).click();
  await expect(description).toContainText("Only the server probe runs");
  const url = `${targets.origin}/allow/items`;
  await form(page).getByLabel("URL", { exact: true }).fill(url);
  await form(page).getByLabel("Origin to probe as").fill(appOrigin);
  await form(page).getByLabel("Method", { exact: true }).selectOption("PUT");
  await form(page).getByRole("button", { name: "Add header" }).click();
  await form(page).getByLabel("Header 1 name").fill("X-Trace");
  await form(page).getByLabel("Header 1 value").fill("it's 1");
  await form(page).getByLabel("Body", { exact: true }).selectOption("json");
  await form(page).getByLabel("Body content").fill('{"qty":1}');

  await form(page).getByRole("button", { name: "Copy as curl" }).click();
  const curl = page.getByLabel("The request as curl");
  await expect(curl).toContainText(`curl -i -X OPTIONS '${url}'`);
  await expect(curl).toContainText(`-H 'Origin: ${appOrigin}'`);
  await expect(curl).toContainText("-H 'Access-Control-Request-Method: PUT'");
  await expect(curl).toContainText("-H 'Access-Control-Request-Headers: content-type,x-trace'");
  await expect(curl).toContainText(`curl -i -X PUT '${url}'`);
  await expect(curl).toContainText(`-H 'X-Trace: it'\\''s 1'`);
  await expect(curl).toContainText(`--data-raw '{"qty":1}'`);
  await expect(page.getByText("Copied to the clipboard.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await curl.textContent());

  await form(page).getByRole("button", { name: "Copy as fetch()" }).click();
  const snippetBox = page.getByLabel("The request as fetch()");
  await expect(snippetBox).toContainText(`// Paste in the DevTools console of a page open on ${appOrigin}`);
  await expect(page.getByTestId("request-snippet")).toContainText(`Open ${appOrigin} in a tab, open DevTools (F12) › Console, paste and press Enter`);
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  expect(snippet).toBe(await snippetBox.textContent());
  await shootBothSizes(page, "tester-copy-fetch");

  // Pasted in the app's console: a real cross-origin request from the app's origin, preflight first.
  const app = await context.newPage();
  await app.goto(`${appOrigin}/`);
  const logged: string[] = [];
  app.on("console", (m) => logged.push(m.text()));
  await app.evaluate((code) => (0, eval)(`(async () => {\n${code}\n})()`), snippet);
  await expect.poll(() => logged.join("\n")).toContain("allowed: 200");
  const seen = targets.requests("/allow/items").filter((r) => r.origin === appOrigin);
  expect(seen.map((r) => r.method)).toEqual(["OPTIONS", "PUT"]);
  expect(seen.every((r) => r.userAgent?.startsWith("Mozilla/"))).toBe(true);
  await app.close();
});
