import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { adminAuth } from "./support/api";
import { ADMIN_STATE } from "./support/paths";
import { createProjectApi, shootBothSizes, uniqueSlug } from "./support/project-fixtures";

test.use({ storageState: ADMIN_STATE });

test("filter the audit log, see what changed, page back, export what is filtered", async ({ page, request }) => {
  const slug = uniqueSlug("audited");
  await createProjectApi(request, { slug, name: "Audited 0" });
  // 55 renames: more than one page of 50.
  for (let i = 1; i <= 55; i++) {
    const res = await request.patch(`/api/v1/projects/${slug}`, { headers: adminAuth, data: { name: `Audited ${i}` } });
    expect(res.status(), await res.text()).toBe(200);
  }

  await page.goto("/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await page.getByLabel("Project").selectOption(slug);
  await expect(page).toHaveURL(new RegExp(`project=${slug}`));
  const events = page.getByTestId("audit-event");
  await expect(events).toHaveCount(50);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(events).toHaveCount(56);
  await expect(page.getByText("That is every matching event.")).toBeVisible();

  // Narrow to renames; the newest first, its difference shown when opened.
  const renameAction = (await (await request.get(`/api/v1/audit?project=${slug}&limit=1`, { headers: adminAuth })).json()) as { events: { action: string }[] };
  const action = renameAction.events[0]!.action;
  await page.getByLabel("Action starts with").fill(action);
  await expect(events).toHaveCount(50);
  await events.first().getByText(action).click();
  const diff = events.first().getByRole("table", { name: "What changed" });
  await expect(diff).toContainText("Audited 54");
  await expect(diff).toContainText("Audited 55");
  await shootBothSizes(page, "audit");

  // The CSV export follows the filters.
  const csvLink = page.getByRole("link", { name: "Export CSV" });
  await expect(csvLink).toHaveAttribute("href", new RegExp(`format=csv`));
  await expect(csvLink).toHaveAttribute("href", new RegExp(`project=${slug}`));
  const downloading = page.waitForEvent("download");
  await csvLink.click();
  const csv = readFileSync(await (await downloading).path(), "utf8");
  const lines = csv.trim().split(/\r?\n/);
  expect(lines.length).toBe(1 + 55); // header + the renames, not the creation
  expect(csv).toContain(action);
  expect(csv).toContain("Audited 55");
  expect(csv).not.toContain("token.");

  const json = await request.get(`/api/v1/audit/export?format=json&project=${slug}`, { headers: adminAuth });
  expect(json.status()).toBe(200);
  await expect(page.getByRole("link", { name: "Export JSON" })).toHaveAttribute("href", new RegExp(`format=json`));
});
