import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { ADMIN_STATE } from "./support/paths";

/**
 * Issue 15, notifications, in Chromium: an admin adds a webhook pointing at a
 * receiver on this machine (the e2e server allows private targets), sends a
 * test and reads the delivery log. Signatures, retries and the SSRF guard are
 * covered by lib/server/webhooks/webhooks.int.test.ts.
 */
test.use({ storageState: ADMIN_STATE });

test("an admin adds a webhook, sends a test and sees it in the delivery log", async ({ page, browser }) => {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      bodies.push(body);
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/corsboard`;

  await page.goto("/settings/webhooks");
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: "Add webhook" });
  await form.getByLabel("Name").fill("ops-alerts");
  await form.getByLabel("URL").fill(url);
  await form.getByLabel("Format").selectOption("slack");
  await form.getByLabel("Saved check started failing").check();
  await form.getByRole("button", { name: "Add webhook" }).click();
  await expect(page.getByTestId("webhook-secret")).toHaveText(/^whsec_/);

  const item = page.getByRole("listitem", { name: "ops-alerts" });
  await item.getByRole("button", { name: "Send test to ops-alerts" }).click();
  await expect(item.getByText("Test delivered: the receiver answered 204.")).toBeVisible();
  await expect(item.getByRole("table", { name: "Deliveries" }).getByText("webhook.test")).toBeVisible();
  expect(JSON.parse(bodies[0]!)).toMatchObject({ text: expect.stringContaining("this webhook works") });
  await page.screenshot({ path: "e2e/.artifacts/webhooks.png", fullPage: true });

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState: await page.context().storageState() });
  const phonePage = await phone.newPage();
  await phonePage.goto("/settings/webhooks");
  await phonePage.getByRole("button", { name: "Deliveries of ops-alerts" }).click();
  await expect(phonePage.getByRole("table", { name: "Deliveries" })).toBeVisible();
  await phonePage.screenshot({ path: "e2e/.artifacts/webhooks-phone.png", fullPage: true });
  await phone.close();

  await item.getByRole("button", { name: "Pause ops-alerts" }).click();
  await expect(item.getByText("paused")).toBeVisible();
  page.once("dialog", (d) => void d.accept());
  await item.getByRole("button", { name: "Delete ops-alerts" }).click();
  await expect(page.getByRole("listitem", { name: "ops-alerts" })).toHaveCount(0);
  await new Promise<void>((r) => server.close(() => r()));
});
