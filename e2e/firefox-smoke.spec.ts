import { mkdirSync } from "node:fs";
import { expect } from "@playwright/test";
import type { Page } from "puppeteer-core";
import { firefoxTest as test } from "./fixtures/firefox";
import { adminAuth } from "./support/api";
import { createProject, envApi, uniqueProjectSlug } from "./support/editor-fixtures";
import { E2E_ADMIN, E2E_PORT } from "./support/test-env.mjs";
import { testerTargetsFor } from "./servers/tester-targets";

/**
 * The dashboard in real Firefox (firefox-esr driven by puppeteer-core over
 * WebDriver BiDi; Playwright cannot drive stock Firefox): sign in, the editor
 * (add an origin, apply a lint's fix, save, publish), and the
 * Tester's "Run in this browser" — a real cross-origin fetch() from Firefox,
 * its outcome reported correctly and compared with the probe's Firefox
 * verdict (not Chromium's).
 */
const DASHBOARD = `http://127.0.0.1:${E2E_PORT}`;
const testerTargets = testerTargetsFor(test, { allowedOrigins: [DASHBOARD] });

const URL_FIELD = '::-p-aria([name="URL"][role="textbox"])';
/** The form's submit button (the tab of the same name is a tab, not a button). */
const RUN_BUTTON = '::-p-aria([name="Run in this browser"][role="button"])';

/** Waits until `selector` matches an element whose attribute has `value`; returns the attribute. */
async function attributeOf(page: Page, selector: string, attribute: string): Promise<string | null> {
  const handle = await page.waitForSelector(selector, { timeout: 30_000 });
  return (await handle?.evaluate((el, a) => el.getAttribute(a), attribute)) ?? null;
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${DASHBOARD}/login`);
  await page.locator('input[name="email"]').fill(E2E_ADMIN.email);
  await page.locator('input[name="password"]').fill(E2E_ADMIN.password);
  await Promise.all([page.waitForNavigation({ timeout: 30_000 }), page.locator('button[type="submit"]').click()]);
}

test("sign in, then the Tester runs a real cross-origin fetch from Firefox and compares it with Firefox's verdict", async ({ firefox }) => {
  test.setTimeout(120_000);
  const context = await firefox.browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await signIn(page);
    expect(new URL(page.url()).pathname, "signed in, away from /login").not.toBe("/login");

    // 1. A request both engines allow: Firefox's fetch() passes and agrees with the probe.
    await page.goto(`${DASHBOARD}/tester`);
    await page.locator(URL_FIELD).fill(`${testerTargets().origin}/allow/items`);
    await page.locator(RUN_BUTTON).click();
    expect(await attributeOf(page, '[data-testid="browser-outcome"]', "data-outcome")).toBe("allowed");
    await page.waitForSelector('[data-testid="engine-verdicts"]', { timeout: 30_000 });
    expect(await attributeOf(page, '[data-testid="engine-firefox"]', "data-verdict")).toBe("allowed");
    expect(testerTargets().requests("/allow/").some((r) => r.path === "/allow/items" && r.method === "GET" && r.origin === DASHBOARD && (r.userAgent ?? "").includes("Firefox/"))).toBe(true);

    // 2. A client hint to a server that never answers OPTIONS: Firefox preflights and is blocked;
    //    Chromium would not be. The page compares Firefox with the probe's Firefox verdict: they agree.
    await page.goto(`${DASHBOARD}/tester`);
    await page.locator(URL_FIELD).fill(`${testerTargets().origin}/no-options/hint`);
    await page.locator('::-p-aria([name="Add header"][role="button"])').click();
    await page.locator('::-p-aria([name="Header 1 name"][role="textbox"])').fill("DPR");
    await page.locator('::-p-aria([name="Header 1 value"][role="textbox"])').fill("2");
    await page.locator(RUN_BUTTON).click();
    expect(await attributeOf(page, '[data-testid="browser-outcome"]', "data-outcome")).toBe("blocked");
    const error = await page.waitForSelector('[data-testid="browser-error"]');
    expect(await error?.evaluate((el) => el.textContent ?? "")).toContain("NetworkError when attempting to fetch resource");
    await page.waitForSelector('[data-testid="engine-verdicts"][data-differ="true"]', { timeout: 30_000 });
    expect(await attributeOf(page, '[data-testid="engine-firefox"]', "data-verdict")).toBe("blocked");
    expect(await attributeOf(page, '[data-testid="engine-chromium"]', "data-verdict")).toBe("allowed");
    expect(await page.$eval('[data-testid="engine-firefox"]', (el) => el.textContent ?? "")).toContain("(this browser)");
    expect(await page.$('[data-testid="disagreement"]'), "Firefox agrees with the probe's Firefox verdict").toBeNull();
    expect(testerTargets().requests("/no-options/").some((r) => r.path === "/no-options/hint" && r.method === "OPTIONS")).toBe(true);
    await page.$eval('[data-testid="engine-verdicts"]', (el) => el.scrollIntoView());
    mkdirSync("e2e/.artifacts", { recursive: true });
    await page.screenshot({ path: "e2e/.artifacts/tester-engines-firefox.png", fullPage: true });
  } finally {
    await context.close();
  }
});

const aria = (name: string, role: string) => `::-p-aria([name="${name}"][role="${role}"])`;

async function waitForText(page: Page, text: string): Promise<void> {
  await page.waitForFunction((t) => document.body.innerText.includes(t), { timeout: 30_000 }, text);
}

test("the editor in Firefox: add an origin, apply the lint's fix, save, publish", async ({ firefox, request }) => {
  test.setTimeout(120_000);
  const slug = uniqueProjectSlug("firefox");
  await createProject(request, slug);
  const context = await firefox.browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await signIn(page);
    await page.goto(`${DASHBOARD}/projects/${slug}/staging`);
    await waitForText(page, "No origins yet");

    await page.locator(aria("Origins to add", "textbox")).fill("HTTPS://App.Example.com/");
    await waitForText(page, "Remove the trailing slash");
    await page.locator(aria("Use https://app.example.com", "button")).click();
    await page.waitForFunction(() => (document.querySelector("textarea") as HTMLTextAreaElement | null)?.value === "https://app.example.com", { timeout: 30_000 });
    await page.locator(aria("Add origin", "button")).click();
    await page.waitForFunction(() => [...document.querySelectorAll("input")].some((i) => i.value === "https://app.example.com"), { timeout: 30_000 });

    await page.locator(aria("Save draft", "button")).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent === "All changes saved", { timeout: 30_000 });

    await page.locator(aria("Publish…", "button")).click();
    await page.waitForSelector('dialog[open], [role="dialog"]', { timeout: 30_000 });
    await page.locator(aria("Publish", "button")).click();
    await page.locator(aria("Message", "textbox")).fill("Published from Firefox");
    await page.locator(aria("Publish", "button")).click();
    await waitForText(page, "Published staging v1.");

    const live = (await (await request.get(`${envApi(slug, "staging")}/versions/1`, { headers: adminAuth })).json()) as { content: { origins: { value: string }[] } };
    expect(live.content.origins.map((o) => o.value)).toEqual(["https://app.example.com"]);
  } finally {
    await context.close();
  }
});
