import { expect, test } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { E2E_ADMIN } from "./support/test-env.mjs";
import { ADMIN_STATE } from "./support/paths";

// The very first visit to a brand-new Corsboard: the one-time setup screen
// creates the first admin, who lands on the demo project.
test("first run: setup creates the admin, who sees the demo project", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Welcome to Corsboard" })).toBeVisible();

  // Bad input is explained per field, in the page.
  await page.getByLabel("Your name").fill(E2E_ADMIN.name);
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByText("Enter a valid email address, like ops@example.com.")).toBeVisible();
  await expect(page.getByText("Use a password of at least 8 characters.")).toBeVisible();
  await page.screenshot({ path: "e2e/.artifacts/setup-errors.png" });

  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Create admin account" }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
  await expect(page.getByRole("link", { name: /storefront-api/ })).toBeVisible();
  await expect(page.getByText("protected")).toBeVisible();
  await page.screenshot({ path: "e2e/.artifacts/projects.png", fullPage: true });

  await page.getByRole("link", { name: /storefront-api/ }).click();
  await expect(page.getByRole("heading", { name: "storefront-api" })).toBeVisible();
  await expect(page.getByText("https://www.storefront.example")).toBeVisible();
  await page.screenshot({ path: "e2e/.artifacts/project.png", fullPage: true });

  // The setup screen is one-time: now it sends people to sign in.
  mkdirSync("e2e/.artifacts", { recursive: true });
  await page.context().storageState({ path: ADMIN_STATE });
  const fresh = await page.context().browser()!.newContext();
  const anon = await fresh.newPage();
  await anon.goto("/setup");
  await expect(anon).toHaveURL(/\/login$/);
  await fresh.close();
});
