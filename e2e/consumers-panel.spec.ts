import { expect, test, type APIRequestContext } from "@playwright/test";
import { adminAuth } from "./support/api";
import { startExampleService, type ExampleService } from "./services/start-example-service";
import { envApi, putOrigins } from "./support/editor-fixtures";
import { createProjectApi, shootBothSizes, uniqueSlug } from "./support/project-fixtures";
import { ADMIN_STATE } from "./support/paths";

/**
 * The "Services reading this config" panel against real SDK services (the
 * example Express service): one following by SSE shows "live", one polling
 * shows "polling"; a publish shows "All 2 on the latest version" within 2 s;
 * a killed service shows "gone" as soon as its stream closes, and stops
 * counting.
 */
test.use({ storageState: ADMIN_STATE });
test.describe.configure({ timeout: 180_000 });

const services: ExampleService[] = [];
test.afterEach(async () => {
  for (const s of services.splice(0)) await s.stop();
});

async function publishApi(request: APIRequestContext, slug: string, environment: string, origins: string[], message: string) {
  const draft = await putOrigins(request, slug, environment, origins);
  const res = await request.post(`${envApi(slug, environment)}/publish`, { headers: adminAuth, data: { message, revision: draft.revision } });
  expect(res.status(), await res.text()).toBeLessThan(300);
}

test("live, polling and gone instances; all on the latest version within 2 s of a publish", async ({ page, request, baseURL }) => {
  const slug = uniqueSlug("consumers");
  await createProjectApi(request, { slug, name: `Consumers ${slug}`, environments: [{ slug: "live", name: "Live" }] });
  await publishApi(request, slug, "live", ["https://a.example"], "first");
  const created = await request.post("/api/v1/tokens", { headers: adminAuth, data: { name: `svc ${slug}`, scope: "config_read", project: slug, environment: "live" } });
  expect(created.status(), await created.text()).toBe(201);
  const { secret } = (await created.json()) as { secret: string };
  const serviceEnv = { CORSBOARD_URL: baseURL!, CORSBOARD_TOKEN: secret, CORSBOARD_PROJECT: slug, CORSBOARD_ENVIRONMENT: "live" };
  const sse = await startExampleService({ ...serviceEnv, CORSBOARD_REFRESH: "sse" });
  services.push(sse);
  const poller = await startExampleService({ ...serviceEnv, CORSBOARD_REFRESH: "poll", CORSBOARD_POLL_MS: "500" });
  services.push(poller);

  await page.goto(`/projects/${slug}/live`);
  const rows = page.getByRole("list", { name: "Consumer instances" }).getByTestId("consumer-row");
  // The SDK names an instance host:pid.
  const sseRow = rows.filter({ hasText: `:${sse.child.pid}` });
  const pollRow = rows.filter({ hasText: `:${poller.child.pid}` });
  const summary = page.getByTestId("consumers-summary");
  await expect(sseRow).toContainText("live");
  await expect(sseRow).toContainText("SSE");
  await expect(pollRow).toContainText("polling");
  await expect(summary).toHaveText("All 2 on the latest version (v1).");

  await publishApi(request, slug, "live", ["https://a.example", "https://b.example"], "second");
  const published = Date.now();
  await expect(summary).toHaveText("All 2 on the latest version (v2).", { timeout: 2_000 });
  console.log(`"All 2 on the latest version (v2)" shown ${Date.now() - published} ms after the publish answered`);
  await expect(sseRow).toContainText("latest");
  await shootBothSizes(page, "consumers-live-polling");

  sse.child.kill("SIGKILL"); // no goodbye from the service: the server sees its stream close
  await new Promise((resolve) => sse.child.once("exit", resolve));
  const killed = Date.now();
  await expect(sseRow).toContainText("gone", { timeout: 5_000 });
  console.log(`killed SSE service shown gone ${Date.now() - killed} ms after it died`);
  await expect(sseRow).toContainText("stream closed");
  await expect(sseRow).not.toContainText("latest");
  await expect(summary).toHaveText("All 1 on the latest version (v2). 1 instance gone.");
  await expect(pollRow).toContainText("polling");
  await shootBothSizes(page, "consumers-gone");
});
