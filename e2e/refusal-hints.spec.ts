import { expect, test } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { adminAuth } from "./support/api";
import { connectExampleService, type ExampleService } from "./services/start-example-service";
import { envApi, getDraft } from "./support/editor-fixtures";
import { createProjectApi, uniqueSlug } from "./support/project-fixtures";
import { ADMIN_STATE } from "./support/paths";

/**
 * Services say why: the example service (Express + the SDK) refuses PUT
 * preflights from an origin its policy allows (PUT is not in Allowed
 * methods); it logs why at warn, reports the reason with its observed
 * origins, and the environment editor shows the hint next to Allowed methods.
 */
test.use({ storageState: ADMIN_STATE });
test.describe.configure({ timeout: 120_000 });

const APP = "https://app.payments.example";
let service: ExampleService | undefined;

test.afterEach(async () => {
  await service?.stop();
  service = undefined;
});

test("an SDK service refusing PUT preflights from an allowed origin → a hint by Allowed methods", async ({ page, request, baseURL }) => {
  const slug = uniqueSlug("why");
  await createProjectApi(request, { slug, name: `Why ${slug}`, environments: [{ slug: "staging", name: "Staging" }] });
  const draft = await getDraft(request, slug, "staging");
  const saved = await request.put(`${envApi(slug, "staging")}/draft`, {
    headers: adminAuth,
    data: { ...draft.content, revision: draft.revision, origins: [{ value: APP, note: null, expiresAt: null }], allowedMethods: ["PATCH"], allowedHeaders: ["content-type"] },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  const published = await request.post(`${envApi(slug, "staging")}/publish`, { headers: adminAuth, data: { message: "v1", revision: ((await saved.json()) as { revision: number }).revision } });
  expect(published.status(), await published.text()).toBeLessThan(300);
  service = await connectExampleService(request, { baseURL: baseURL!, project: slug, environment: "staging", tokenName: `svc ${slug}`, reportMs: 500 }, { CORSBOARD_REFRESH: "poll" });
  // What a browser sends before a PUT from the page at APP.
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`http://127.0.0.1:${service.port}/api/orders`, { method: "OPTIONS", headers: { origin: APP, "access-control-request-method": "PUT" } });
    expect(res.status).toBe(403);
  }
  // The service said why, once (the next two are rate-limited), at the default level.
  const why = `CORS: refused a preflight from ${APP}: origin ${APP} is allowed but method PUT is not in allowedMethods: add it in Corsboard → ${slug}/staging → Allowed methods`;
  await expect.poll(() => service!.output()).toContain(`warn ${why}`);
  expect(service.output().split(why).length - 1).toBe(1);

  await page.goto(`/projects/${slug}/staging`);
  const methods = page.getByLabel("Allowed methods", { exact: true });
  // The service reports every 500 ms; the page refreshes what services refused every 15 s.
  await expect(methods).toHaveAccessibleDescription(/Services refused PUT preflights from an allowed origin \(3× in the last hour\)\./, { timeout: 45_000 });
  const note = page.getByRole("note").filter({ hasText: "Services refused PUT preflights" });
  await expect(note).toBeVisible();
  mkdirSync("e2e/.artifacts", { recursive: true });
  await note.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/.artifacts/refusal-hint.png" });
});
