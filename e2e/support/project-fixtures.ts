import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { adminAuth } from "./api";

let counter = 0;
/** A slug no other test uses. */
export const uniqueSlug = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** Create a project through the API (default environments dev, staging, prod unless given). */
export async function createProjectApi(
  request: APIRequestContext,
  input: { slug: string; name?: string; description?: string; environments?: { slug: string; name: string; protected?: boolean; baseUrls?: string[] }[] },
) {
  const res = await request.post("/api/v1/projects", { headers: adminAuth, data: { name: input.slug, ...input } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { project: { slug: string; name: string; environments: { slug: string }[] } }).project;
}

/** Add origins to an environment's draft through the API. */
export async function addOriginsApi(request: APIRequestContext, project: string, environment: string, values: string[]) {
  const res = await request.post(`/api/v1/projects/${project}/environments/${environment}/draft/origins`, {
    headers: adminAuth,
    data: { origins: values.map((value) => ({ value })) },
  });
  expect(res.status(), await res.text()).toBeLessThan(300);
}

export async function draftOriginsApi(request: APIRequestContext, project: string, environment: string): Promise<string[]> {
  const res = await request.get(`/api/v1/projects/${project}/environments/${environment}/draft`, { headers: adminAuth });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { content: { origins: { value: string }[] } }).content.origins.map((o) => o.value);
}

/**
 * Screenshots at the desktop size and at a phone's width, and a check that
 * the page never scrolls sideways. The viewport is put back afterwards.
 */
export async function shootBothSizes(page: Page, name: string) {
  mkdirSync("e2e/.artifacts", { recursive: true });
  const original = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `e2e/.artifacts/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(100);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} scrolls sideways at 390px`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `e2e/.artifacts/${name}-narrow.png`, fullPage: true });
  // The first screen at phone size, readable without zooming out.
  await page.screenshot({ path: `e2e/.artifacts/${name}-narrow-top.png` });
  await page.setViewportSize(original);
}
