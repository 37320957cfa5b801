import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { adminAuth, uniqueEmail } from "./api";

let counter = 0;
/** A project slug no other test uses. */
export const uniqueProjectSlug = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** A project with the default environments (dev, staging, prod — prod protected), created with the admin token. */
export async function createProject(request: APIRequestContext, slug: string) {
  const res = await request.post("/api/v1/projects", { headers: adminAuth, data: { slug, name: `Editor ${slug}` } });
  expect(res.status(), await res.text()).toBe(201);
}

export const envApi = (project: string, environment: string) => `/api/v1/projects/${project}/environments/${environment}`;

export interface DraftBody {
  revision: number;
  content: { origins: { value: string; note: string | null; expiresAt: string | null }[] } & Record<string, unknown>;
}

export async function getDraft(request: APIRequestContext, project: string, environment: string): Promise<DraftBody> {
  const res = await request.get(`${envApi(project, environment)}/draft`, { headers: adminAuth });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as DraftBody;
}

/** Save a whole draft as another person would (the admin token), at the current revision. */
export async function putOrigins(request: APIRequestContext, project: string, environment: string, values: string[]) {
  const draft = await getDraft(request, project, environment);
  const res = await request.put(`${envApi(project, environment)}/draft`, {
    headers: adminAuth,
    data: { ...draft.content, revision: draft.revision, origins: values.map((value) => ({ value, note: null, expiresAt: null })) },
  });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as DraftBody;
}

/** Save the draft with these settings (origins as values) and publish it, with the admin token. */
export async function publishApi(request: APIRequestContext, project: string, environment: string, settings: { origins: string[] } & Record<string, unknown>, message: string) {
  const draft = await getDraft(request, project, environment);
  const saved = await request.put(`${envApi(project, environment)}/draft`, {
    headers: adminAuth,
    data: { ...draft.content, ...settings, revision: draft.revision, origins: settings.origins.map((value) => ({ value, note: null, expiresAt: null })) },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  const { revision } = (await saved.json()) as { revision: number };
  const published = await request.post(`${envApi(project, environment)}/publish`, { headers: adminAuth, data: { message, revision } });
  expect(published.status(), await published.text()).toBe(201);
}

export const PASSWORD = "password-for-editor-tests";

/** A second person: an editor account, signed in in its own browser context. */
export async function signInAsNewEditor(browser: Browser, request: APIRequestContext, baseURL: string) {
  const email = uniqueEmail("reviewer");
  const res = await request.post("/api/v1/users", { headers: adminAuth, data: { name: "Rita Reviewer", email, password: PASSWORD, role: "editor" } });
  expect(res.status(), await res.text()).toBe(201);
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
  return { email, context, page };
}

/**
 * Full-page screenshots at 1280×800 and at a phone's 390×844, and a check that
 * the page never scrolls sideways at either size. The viewport is put back.
 */
export async function shoot(page: Page, name: string) {
  mkdirSync("e2e/.artifacts", { recursive: true });
  const original = page.viewportSize() ?? { width: 1280, height: 800 };
  for (const [suffix, size] of [["", { width: 1280, height: 800 }], ["-narrow", { width: 390, height: 844 }]] as const) {
    await page.setViewportSize(size);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(150);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} scrolls sideways at ${size.width}px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `e2e/.artifacts/editor-${name}${suffix}.png`, fullPage: true });
  }
  await page.setViewportSize(original);
}
