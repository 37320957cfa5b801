import { expect, test } from "@playwright/test";
import { E2E_PORT } from "./support/test-env.mjs";
import { ADMIN_STATE } from "./support/paths";
import { shootBothSizes } from "./support/project-fixtures";
import { testerTargetsFor } from "./servers/tester-targets";

/**
 * The Tester's verdict per browser engine, in Chromium: a GET with a client
 * hint (DPR) to a server that never answers OPTIONS. Chromium safelists the
 * hint (no preflight: allowed); Firefox and WebKit send a preflight, which
 * fails. The page shows the three verdicts and names the rule, with sources.
 * The same run from Firefox: e2e/firefox-smoke.spec.ts.
 */
const DASHBOARD = `http://127.0.0.1:${E2E_PORT}`;
const testerTargets = testerTargetsFor(test, { allowedOrigins: [DASHBOARD] });

test.use({ storageState: ADMIN_STATE });

test("a client hint: allowed in Chromium, blocked in Firefox and WebKit, and why", async ({ page }) => {
  await page.goto("/tester");
  const form = page.getByRole("form", { name: "Request to test" });
  await form.getByLabel("URL", { exact: true }).fill(`${testerTargets().origin}/no-options/hint`);
  await form.getByRole("button", { name: "Add header" }).click();
  await form.getByLabel("Header 1 name").fill("DPR");
  await form.getByLabel("Header 1 value").fill("2");
  await form.getByRole("button", { name: "Run in this browser" }).click();

  // This browser (Chromium) is allowed, and agrees with the probe's Chromium verdict.
  await expect(page.getByTestId("browser-outcome")).toHaveAttribute("data-outcome", "allowed");
  const verdicts = page.getByTestId("engine-verdicts");
  await expect(verdicts).toHaveAttribute("data-differ", "true");
  await expect(verdicts.getByTestId("engine-chromium")).toHaveAttribute("data-verdict", "allowed");
  await expect(verdicts.getByTestId("engine-chromium")).toContainText("(this browser)");
  await expect(verdicts.getByTestId("engine-firefox")).toHaveAttribute("data-verdict", "blocked");
  await expect(verdicts.getByTestId("engine-firefox")).toHaveAttribute("data-stage", "preflight");
  await expect(verdicts.getByTestId("engine-webkit")).toContainText("Modelled, not run here");
  const rule = page.getByTestId("engine-rule-client-hints-safelisted");
  await expect(rule).toContainText("Client hints");
  await expect(rule.getByRole("link", { name: "source" }).first()).toHaveAttribute("href", /^https:\/\//);
  await expect(page.getByTestId("disagreement")).toHaveCount(0);
  await page.getByTestId("engine-verdicts").scrollIntoViewIfNeeded();
  await shootBothSizes(page, "tester-engines-chromium");
});
