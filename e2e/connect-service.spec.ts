import { expect, test } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { createProjectApi, uniqueSlug } from "./support/project-fixtures";
import { ADMIN_STATE } from "./support/paths";

/**
 * "Connect a service": the environment page and the token just created show
 * copy-ready snippets with this dashboard's URL (CORSBOARD_PUBLIC_URL, set to
 * the test server's address), the project and the environment; Copy puts the
 * exact text on the clipboard.
 */
test.use({ storageState: ADMIN_STATE, permissions: ["clipboard-read", "clipboard-write"] });

test("the environment page shows snippets with the real URL, project and environment; Copy copies them", async ({ page, request, baseURL }) => {
  mkdirSync("e2e/.artifacts", { recursive: true });
  const slug = uniqueSlug("connect");
  await createProjectApi(request, { slug, name: `Connect ${slug}`, environments: [{ slug: "staging", name: "Staging" }] });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/projects/${slug}/staging`);
  const panel = page.getByRole("region", { name: "Connect a service" });
  const snippet = panel.getByTestId("connect-snippet");
  await expect(snippet).toHaveText(
    [`CORSBOARD_URL=${baseURL}`, `CORSBOARD_PROJECT=${slug}`, "CORSBOARD_ENVIRONMENT=staging", `CORSBOARD_TOKEN=<a read token of ${slug}/staging: API tokens page>`].join("\n"),
  );
  await panel.getByRole("tab", { name: "Fastify" }).click();
  await expect(snippet).toContainText(`// npm install ${baseURL}/downloads/corsboard-sdk.tgz`);
  await expect(snippet).toContainText(`project: "${slug}",`);
  await expect(snippet).toContainText("await app.register(corsboardFastify, { client });");
  await panel.getByRole("button", { name: "Copy the Fastify snippet" }).click();
  await expect(panel.getByRole("button", { name: "Copy the Fastify snippet" })).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await snippet.textContent());

  await panel.getByRole("tab", { name: "nginx" }).click();
  await expect(snippet).toContainText(`corsboard pull --server ${baseURL} --token "$CORSBOARD_TOKEN" --project ${slug} --environment staging`);
  await panel.getByRole("tab", { name: "curl" }).click();
  await expect(snippet).toContainText(`CONFIG_URL=${baseURL}/api/v1/config/${slug}/staging`);
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/.artifacts/connect-service.png" });

  await page.setViewportSize({ width: 390, height: 844 });
  await panel.getByRole("tab", { name: "Express" }).click();
  await panel.scrollIntoViewIfNeeded();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "the environment page scrolls sideways at 390px").toBeLessThanOrEqual(0);
  await page.screenshot({ path: "e2e/.artifacts/connect-service-narrow.png" });
});

test("a read token just created comes with the snippets, its secret in the env vars", async ({ page, request }) => {
  const slug = uniqueSlug("connecttoken");
  await createProjectApi(request, { slug, name: `Connect ${slug}`, environments: [{ slug: "prod", name: "Prod" }] });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/settings/tokens");
  const form = page.getByRole("form", { name: "Create API token" });
  await form.getByLabel("Name").fill(`svc ${slug}`);
  await form.getByLabel("Project").selectOption(slug);
  await form.getByLabel("Environment").selectOption("prod");
  await form.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("token-secret").textContent())!;
  expect(secret).toMatch(/^cb_/);
  const panel = page.getByRole("region", { name: "Connect a service" });
  await expect(panel.getByRole("heading", { name: `Connect a service to ${slug}/prod` })).toBeVisible();
  await expect(panel.getByTestId("connect-snippet")).toContainText(`CORSBOARD_TOKEN=${secret}`);
  await panel.getByRole("button", { name: "Copy the Env vars snippet" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(`CORSBOARD_PROJECT=${slug}\nCORSBOARD_ENVIRONMENT=prod\nCORSBOARD_TOKEN=${secret}`);
  await panel.getByRole("tab", { name: "Express" }).click();
  await expect(panel.getByTestId("connect-snippet")).not.toContainText(secret);
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/.artifacts/connect-service-token.png" });
  await page.setViewportSize({ width: 390, height: 844 });
  await panel.scrollIntoViewIfNeeded();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "the tokens page scrolls sideways at 390px").toBeLessThanOrEqual(0);
  await page.screenshot({ path: "e2e/.artifacts/connect-service-token-narrow.png" });
});
