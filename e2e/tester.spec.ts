import { expect, test, type Page } from "@playwright/test";
import { E2E_PORT } from "./support/test-env.mjs";
import { adminAuth } from "./support/api";
import { ADMIN_STATE } from "./support/paths";
import { createProjectApi, shootBothSizes, uniqueSlug } from "./support/project-fixtures";
import { HUGE_BODY_BYTES, startTesterTargets, type TesterTargets } from "./servers/tester-targets";

/**
 * The tester page against real targets on *.test names: the browser's real
 * fetch() from the dashboard's origin next to the server probe, the classic
 * preflight-rejected-by-auth case, a disagreement, probing as another
 * origin, saving and sharing, and bad input.
 */
const DASHBOARD = `http://127.0.0.1:${E2E_PORT}`;
const QA_ORIGIN = "https://qa.example.com";

let targets: TesterTargets;

test.beforeAll(async () => {
  targets = await startTesterTargets({ allowedOrigins: [DASHBOARD, QA_ORIGIN] });
});
test.afterAll(async () => {
  await targets?.close();
});

const form = (page: Page) => page.getByRole("form", { name: "Request to test" });

async function fillRequest(page: Page, input: { url: string; method?: string; headers?: [string, string][]; bodyType?: string; body?: string; credentials?: string }) {
  const f = form(page);
  await f.getByLabel("URL", { exact: true }).fill(input.url);
  if (input.method) await f.getByLabel("Method", { exact: true }).selectOption(input.method);
  for (const [i, [name, value]] of (input.headers ?? []).entries()) {
    await f.getByRole("button", { name: "Add header" }).click();
    await f.getByLabel(`Header ${i + 1} name`).fill(name);
    await f.getByLabel(`Header ${i + 1} value`).fill(value);
  }
  if (input.bodyType) await f.getByLabel("Body", { exact: true }).selectOption(input.bodyType);
  if (input.body !== undefined) await f.getByLabel("Body content").fill(input.body);
  if (input.credentials) await f.getByLabel("Credentials").selectOption(input.credentials);
}

test.describe("tester", () => {
  test.use({ storageState: ADMIN_STATE });

  test("a target that allows the dashboard: browser and probe agree (picked as a project endpoint)", async ({ page, request }) => {
    const slug = uniqueSlug("tester");
    await createProjectApi(request, { slug, name: `Tester ${slug}`, environments: [{ slug: "staging", name: "Staging", baseUrls: [`${targets.origin}/allow`] }] });
    await page.goto("/tester");
    await expect(page.getByRole("heading", { name: "Tester", exact: true })).toBeVisible();
    await expect(page.getByText("Nothing saved yet").or(page.getByRole("list", { name: "Recent saved results" }))).toBeVisible();
    await shootBothSizes(page, "tester-empty");

    await page.getByRole("radio", { name: "A project's endpoint" }).check();
    await form(page).getByLabel("Project", { exact: true }).selectOption(slug);
    await expect(form(page).getByLabel("Base URL")).toHaveValue(`${targets.origin}/allow`);
    await form(page).getByLabel("Path").fill("/items");
    await expect(form(page).getByLabel("URL", { exact: true })).toHaveValue(`${targets.origin}/allow/items`);
    await form(page).getByRole("button", { name: "Run in this browser" }).click();

    await expect(page.getByTestId("browser-outcome")).toHaveAttribute("data-outcome", "allowed");
    await expect(page.getByTestId("browser-outcome")).toContainText("status 200");
    // Exposed through Access-Control-Expose-Headers, so JavaScript can read it.
    await expect(page.getByTestId("browser-outcome")).toContainText("x-request-id");
    await expect(page.getByTestId("probe-result")).toHaveAttribute("data-verdict", "allowed");
    await expect(page.getByText("The browser and the server probe agree: allowed.")).toBeVisible();
    await expect(page.getByTestId("disagreement")).toHaveCount(0);
    expect(targets.requests("/allow/items").some((r) => r.origin === DASHBOARD && r.userAgent?.startsWith("Mozilla/"))).toBe(true);
    await shootBothSizes(page, "tester-allowed");

    // Keep it as a saved check on the environment: it then runs after every publish.
    const keep = page.locator("section").filter({ has: page.getByRole("heading", { name: "Keep as a saved check" }) });
    await keep.getByLabel("Project", { exact: true }).selectOption(slug);
    await expect(keep.getByLabel("Check name")).toHaveValue(`${DASHBOARD} can GET ${new URL(targets.origin).host}/allow/items`);
    await keep.getByRole("button", { name: "Save as check" }).click();
    await expect(page.getByTestId("kept-check")).toContainText(`${slug} / staging`);
    const checks = await request.get(`/api/v1/projects/${slug}/environments/staging/checks`, { headers: adminAuth });
    expect(((await checks.json()) as { checks: { url: string; origin: string; expect: string }[] }).checks).toEqual([
      expect.objectContaining({ url: `${targets.origin}/allow/items`, origin: DASHBOARD, expect: "allowed" }),
    ]);
  });

  test("a JSON PUT with Authorization rejected at the preflight: blocked in the browser, explained by the probe, saved and shared", async ({ page, context }) => {
    test.setTimeout(120_000);
    await page.goto("/tester");
    await fillRequest(page, { url: `${targets.origin}/strict/orders/42`, method: "PUT", headers: [["Authorization", "Bearer secret-token"]], bodyType: "json", body: '{"status":"shipped"}' });
    await expect(page.getByTestId("side-effect-warning")).toContainText("really sends the PUT");
    await expect(form(page).getByText(/always sends a preflight/)).toBeVisible();
    await form(page).getByRole("button", { name: "Run in this browser" }).click();

    await expect(page.getByTestId("browser-outcome")).toHaveAttribute("data-outcome", "blocked");
    await expect(page.getByTestId("browser-error")).toContainText("TypeError");
    const probe = page.getByTestId("probe-result");
    await expect(probe).toHaveAttribute("data-verdict", "blocked");
    await expect(probe).toHaveAttribute("data-stage", "preflight");
    await expect(page.getByTestId("probe-headline")).toContainText("The browser blocked this at the preflight");
    // The target's auth answers OPTIONS with 401 before CORS: the headline says so, not "your token is wrong".
    await expect(page.getByTestId("probe-headline")).toContainText("authentication answered the OPTIONS preflight with 401");
    await expect(page.getByTestId("probe-headline")).toContainText("handler never ran");
    await expect(page.getByTestId("failed-step")).toHaveCount(1);
    await expect(page.getByTestId("failure-fix")).toBeVisible();
    await expect(page.getByText("The browser and the server probe agree: blocked at the preflight.")).toBeVisible();
    // The real PUT never reached the server: only preflights did (the browser's and the probe's).
    const strict = targets.requests("/strict/orders/42");
    expect(strict.length).toBeGreaterThanOrEqual(2);
    expect(strict.every((r) => r.method === "OPTIONS")).toBe(true);
    await page.getByText("Raw requests and responses").click();
    await expect(page.getByText("HTTP 401")).toBeVisible();
    await shootBothSizes(page, "tester-preflight-blocked");

    // Save & share: the link shows the same result, read-only, with who saved it.
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: DASHBOARD });
    await page.getByLabel("Title (optional)").fill("orders PUT from the dashboard");
    await page.getByRole("button", { name: "Save & copy link" }).click();
    const saved = page.getByTestId("saved-link").getByRole("link");
    await expect(saved).toBeVisible();
    const href = await saved.getAttribute("href");
    expect(href).toMatch(/^\/tester\/results\/[0-9a-f-]{36}$/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${DASHBOARD}${href}`);
    await expect(page.getByRole("list", { name: "Recent saved results" }).getByRole("link", { name: "orders PUT from the dashboard" }).first()).toBeVisible();

    const shared = await context.newPage();
    await shared.goto(href ?? "");
    await expect(shared.getByRole("heading", { name: "orders PUT from the dashboard" })).toBeVisible();
    await expect(shared.getByTestId("saved-meta")).toContainText("ada@corsboard.test");
    // Credentials never come back: not to the author, not to anyone the link is shared with.
    await expect(shared.getByTestId("saved-meta")).toContainText("Authorization: ••••");
    await expect(shared.getByTestId("run-again-note")).toContainText("leaves Authorization empty");
    expect(await shared.content()).not.toContain("secret-token");
    // The browser part is what the saver's browser reported; only the probe part is verified.
    await expect(shared.getByRole("heading", { name: /Reported by .*'s browser/ })).toBeVisible();
    await expect(shared.getByTestId("browser-unverified")).toContainText("can't verify");
    await expect(shared.getByTestId("browser-outcome")).toHaveAttribute("data-outcome", "blocked");
    await expect(shared.getByTestId("probe-headline")).toContainText("The browser blocked this at the preflight");
    await expect(shared.getByTestId("failed-step")).toHaveCount(1);
    await shootBothSizes(shared, "tester-saved");

    // Run again: the tester, prefilled with the same request.
    await shared.getByRole("link", { name: "Run again" }).click();
    await expect(shared).toHaveURL(/\/tester\?/);
    await expect(form(shared).getByLabel("URL", { exact: true })).toHaveValue(`${targets.origin}/strict/orders/42`);
    await expect(form(shared).getByLabel("Method", { exact: true })).toHaveValue("PUT");
    await expect(form(shared).getByLabel("Header 1 name")).toHaveValue("Authorization");
    await expect(form(shared).getByLabel("Header 1 value")).toHaveValue("");
    expect(shared.url()).not.toContain("secret-token");
    expect(shared.url()).not.toContain(encodeURIComponent("••••"));
    await expect(form(shared).getByLabel("Body", { exact: true })).toHaveValue("json");
    await expect(form(shared).getByLabel("Body content")).toHaveValue('{"status":"shipped"}');
    await shared.close();
  });

  test("a CDN that answers browsers differently: the disagreement callout", async ({ page }) => {
    await page.goto("/tester");
    await fillRequest(page, { url: `${targets.origin}/cdn/catalog` });
    await form(page).getByRole("button", { name: "Run in this browser" }).click();
    await expect(page.getByTestId("browser-outcome")).toHaveAttribute("data-outcome", "allowed");
    await expect(page.getByTestId("probe-result")).toHaveAttribute("data-verdict", "blocked");
    const callout = page.getByTestId("disagreement");
    await expect(callout).toContainText("The browser allowed this, but the server probe says a browser would block it.");
    await expect(callout).toContainText("proxy, CDN or WAF");
    await shootBothSizes(page, "tester-disagreement");
  });

  test("a preflight cached under an earlier policy: the browser still passes, the probe's fresh preflight fails", async ({ page }) => {
    const request = { url: `${targets.origin}/cached/orders`, method: "PUT", headers: [["Authorization", "Bearer t"]] as [string, string][], bodyType: "json", body: "{}" };
    targets.setCachedPolicyAllows(true);
    await page.goto("/tester");
    await fillRequest(page, request);
    await form(page).getByRole("checkbox", { name: /Reuse cached preflights/ }).check();
    await form(page).getByRole("button", { name: "Run in this browser" }).click();
    await expect(page.getByText("The browser and the server probe agree: allowed.")).toBeVisible();

    // The policy drops the dashboard's origin; the browser's preflight cache (max-age 600) still holds the old answer.
    targets.setCachedPolicyAllows(false);
    const before = targets.requests("/cached/orders").length;
    await form(page).getByRole("button", { name: "Run in this browser" }).click();
    await expect(page.getByTestId("probe-result")).toHaveAttribute("data-verdict", "blocked");
    await expect(page.getByTestId("browser-outcome")).toHaveAttribute("data-outcome", "allowed");
    const callout = page.getByTestId("disagreement");
    await expect(callout).toContainText("The browser allowed this, but the server probe says a browser would block it.");
    await expect(callout).toContainText("cached preflight");
    // The browser sent its PUT without a new preflight; only the probe asked again.
    const second = targets.requests("/cached/orders").slice(before);
    expect(second.filter((r) => r.method === "OPTIONS" && r.userAgent?.startsWith("Mozilla/"))).toEqual([]);
    expect(second.some((r) => r.method === "PUT")).toBe(true);
    await shootBothSizes(page, "tester-cached-preflight");

    // Without reuse (cache: "no-store") Chromium preflights afresh: both now see the new policy.
    await form(page).getByRole("checkbox", { name: /Reuse cached preflights/ }).uncheck();
    await form(page).getByRole("button", { name: "Run in this browser" }).click();
    await expect(page.getByText("The browser and the server probe agree: blocked at the preflight.")).toBeVisible();
  });

  test("a refused probe is shown while the browser's result stays", async ({ page }) => {
    await page.route("**/api/v1/probe", (route) =>
      route.fulfill({
        status: 429,
        contentType: "application/problem+json",
        headers: { "retry-after": "42" },
        body: JSON.stringify({ type: "about:blank", title: "Too Many Requests", status: 429, code: "rate_limited", detail: "At most 30 probes per minute; try again in 42 s." }),
      }),
    );
    await page.goto("/tester");
    await fillRequest(page, { url: `${targets.origin}/allow/refused` });
    await form(page).getByRole("button", { name: "Run in this browser" }).click();
    await expect(page.getByTestId("browser-outcome")).toHaveAttribute("data-outcome", "allowed");
    await expect(page.getByTestId("probe-refused")).toContainText("429");
    await expect(page.getByTestId("probe-refused")).toContainText("try again in 42 s");
    await expect(page.getByText("The server probe did not run")).toBeVisible();
  });

  test("probe as another origin: one the target allows, one it doesn't", async ({ page }) => {
    await page.goto(`/tester?origin=${encodeURIComponent(QA_ORIGIN)}&url=${encodeURIComponent(`${targets.origin}/allow/reports`)}&method=DELETE`);
    await expect(page.getByRole("tab", { name: "Probe as another origin" })).toHaveAttribute("aria-selected", "true");
    await expect(form(page).getByLabel("Origin to probe as")).toHaveValue(QA_ORIGIN);
    await expect(form(page).getByLabel("Method", { exact: true })).toHaveValue("DELETE");
    const before = targets.requests("/allow/reports").length;
    await form(page).getByRole("button", { name: "Probe as this origin" }).click();
    await expect(page.getByTestId("probe-result")).toHaveAttribute("data-verdict", "allowed");
    await expect(page.getByTestId("probe-headline")).toContainText("The preflight passes");
    await expect(page.getByTestId("browser-outcome")).toHaveCount(0);
    // Only the probe's preflight reached the target: no browser request, no DELETE.
    expect(targets.requests("/allow/reports").slice(before).map((r) => `${r.method} ${r.origin}`)).toEqual([`OPTIONS ${QA_ORIGIN}`]);
    await shootBothSizes(page, "tester-as-origin-allowed");

    await form(page).getByLabel("Origin to probe as").fill("https://evil.example.com");
    await form(page).getByRole("button", { name: "Probe as this origin" }).click();
    await expect(page.getByTestId("probe-result")).toHaveAttribute("data-verdict", "blocked");
    await expect(page.getByTestId("probe-headline")).toContainText("A browser blocks this at the preflight");
    await expect(page.getByTestId("probe-headline")).toContainText("no Access-Control-Allow-Origin header (Origin: https://evil.example.com)");
    await expect(page.getByTestId("failed-step")).toHaveCount(1);
    await shootBothSizes(page, "tester-as-origin-blocked");
  });

  test("bad input shows field errors and sends nothing", async ({ page }) => {
    await page.goto("/tester");
    let probes = 0;
    page.on("request", (r) => {
      if (r.url().endsWith("/api/v1/probe")) probes++;
    });
    await fillRequest(page, { url: "/orders", headers: [["Bad Name", "x"]] });
    await form(page).getByRole("button", { name: "Run in this browser" }).click();
    await expect(form(page).getByText(/Give an absolute http:\/\/ or https:\/\/ URL/)).toBeVisible();
    await expect(form(page).getByText(/"Bad Name" is not a valid header name/)).toBeVisible();

    await page.getByRole("tab", { name: "Probe as another origin" }).click();
    await form(page).getByLabel("URL", { exact: true }).fill(`${targets.origin}/allow/x`);
    await form(page).getByLabel("Origin to probe as").fill("https://app.example.com/login");
    await form(page).getByRole("button", { name: "Remove header 1" }).click();
    await form(page).getByRole("button", { name: "Probe as this origin" }).click();
    await expect(form(page).getByText("Give the serialized origin only (no path, query or trailing slash): https://app.example.com.")).toBeVisible();
    await expect(form(page).getByLabel("URL", { exact: true })).not.toHaveAttribute("aria-invalid", "true");
    await shootBothSizes(page, "tester-bad-input");
    expect(probes).toBe(0);
  });

  test("a crafted link aimed at the dashboard itself is refused and sends nothing", async ({ page }) => {
    const sent: string[] = [];
    page.on("request", (r) => {
      // The page itself lists projects (GET, for the target picker); the crafted POST and any probe must never go out.
      if ((r.url().includes("/api/v1/projects") && r.method() !== "GET") || r.url().endsWith("/api/v1/probe")) sent.push(`${r.method()} ${r.url()}`);
    });
    const link = new URLSearchParams({ url: `${DASHBOARD}/api/v1/projects`, method: "POST", bodyType: "json", body: JSON.stringify({ slug: "pwned", name: "Pwned" }), credentials: "same-origin" });
    await page.goto(`/tester?${link.toString()}`);
    await expect(form(page).getByLabel("URL", { exact: true })).toHaveValue(`${DASHBOARD}/api/v1/projects`);
    await form(page).getByRole("button", { name: "Run in this browser" }).click();
    await expect(form(page).getByText("This is Corsboard itself: a same-origin request is not a CORS request, and it would run as you. Test your service's URL instead.")).toBeVisible();
    await expect(form(page).getByLabel("URL", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("run-result")).toHaveCount(0);
    await shootBothSizes(page, "tester-same-origin-refused");
    expect(sent).toEqual([]);
  });

  test("a target that never answers: the browser run stops after 15 s; a huge body is not downloaded", async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto("/tester");
    await fillRequest(page, { url: `${targets.origin}/hang/slow` });
    const started = Date.now();
    await form(page).getByRole("button", { name: "Run in this browser" }).click();
    await expect(page.getByTestId("browser-error")).toContainText("No answer within 15 s", { timeout: 30_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(14_000);
    await expect(page.getByTestId("browser-outcome")).toHaveAttribute("data-outcome", "blocked");
    await expect(page.getByTestId("browser-outcome")).toContainText("got nothing back in time");
    await expect(page.getByText("Neither the browser nor the server probe got an answer from the target")).toBeVisible();
    await expect(form(page).getByRole("button", { name: "Run in this browser" })).toBeEnabled({ timeout: 15_000 });
    await shootBothSizes(page, "tester-timeout");

    await form(page).getByLabel("URL", { exact: true }).fill(`${targets.origin}/huge/export`);
    await form(page).getByRole("button", { name: "Run in this browser" }).click();
    await expect(page.getByTestId("browser-outcome")).toHaveAttribute("data-outcome", "allowed");
    await expect(page.getByTestId("browser-outcome")).toContainText("status 200");
    // The browser's response (the first of the two: the probe reads its own bounded share) was cut off far short of the whole body.
    await expect.poll(() => targets.hugeResponses().length).toBeGreaterThanOrEqual(1);
    const browserResponse = targets.hugeResponses()[0];
    await expect.poll(() => browserResponse?.finished === false && browserResponse.bytesWritten < HUGE_BODY_BYTES / 4).toBe(true);
  });
});
