import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { adminAuth, expectProblem, uniqueEmail } from "./support/api";
import { ADMIN_STATE } from "./support/paths";
import { addOriginsApi, createProjectApi, shootBothSizes, uniqueSlug } from "./support/project-fixtures";

test.use({ storageState: ADMIN_STATE });

/** Today and yesterday as the browser's date inputs count days (its own time zone). */
async function days(page: Page): Promise<{ today: string; yesterday: string }> {
  return page.evaluate(() => {
    const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    const now = new Date();
    return { today: day(now), yesterday: day(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1)) };
  });
}

test("the audit log reads as sentences, names people by email, opens to before/after, and filters by date range (export too)", async ({ page, request }) => {
  const slug = uniqueSlug("readable");
  await createProjectApi(request, { slug, environments: [{ slug: "staging", name: "Staging" }] });
  await addOriginsApi(request, slug, "staging", ["https://admin.example.com", "https://shop.example.com"]);
  const draftUrl = `/api/v1/projects/${slug}/environments/staging/draft`;
  const draft = (await (await request.get(draftUrl, { headers: adminAuth })).json()) as { revision: number; content: { origins: { value: string }[] } };
  const saved = await request.put(draftUrl, {
    headers: adminAuth,
    data: { revision: draft.revision, ...draft.content, origins: draft.content.origins.filter((o) => o.value !== "https://admin.example.com") },
  });
  expect(saved.status(), await saved.text()).toBe(200);

  await page.goto(`/audit?project=${slug}`);
  const events = page.getByTestId("audit-event");
  await expect(events).toHaveCount(3);
  const removal = events.first();
  // A sentence, not JSON: who, what, where (project/environment by slug).
  await expect(removal.getByTestId("audit-summary")).toContainText(`removed https://admin.example.com from the draft of ${slug}/staging`);
  await expect(page.getByTestId("audit-summary").filter({ hasText: "{" })).toHaveCount(0);
  await expect(events.nth(1).getByTestId("audit-summary")).toContainText(`added https://admin.example.com and https://shop.example.com to the draft of ${slug}/staging`);
  await expect(events.nth(2).getByTestId("audit-summary")).toContainText(`created project ${slug}`);
  // Opened: the before/after of that change.
  await removal.getByTestId("audit-summary").click();
  const diff = removal.getByRole("table", { name: "What changed" });
  await expect(diff).toContainText("https://admin.example.com");
  await expect(removal.getByText("Raw before and after")).toBeVisible();

  // A user changed by an admin: the user's email, never "user 9affda0a".
  const email = uniqueEmail("audited");
  const created = await request.post("/api/v1/users", { headers: adminAuth, data: { name: "Audited user", email, password: "correct horse battery staple 42", role: "viewer" } });
  expect(created.status(), await created.text()).toBe(201);
  const user = ((await created.json()) as { user: { id: string } }).user;
  expect((await request.patch(`/api/v1/users/${user.id}`, { headers: adminAuth, data: { role: "editor" } })).status()).toBe(200);
  await page.goto("/audit?targetType=user");
  const userEvents = page.getByTestId("audit-summary").filter({ hasText: email });
  await expect(userEvents.first()).toContainText(`changed the role of ${email}: viewer → editor`);
  await expect(userEvents.nth(1)).toContainText(`created user ${email} as viewer`);
  await expect(page.getByTestId("audit-summary").filter({ hasText: `user ${user.id.slice(0, 8)}` })).toHaveCount(0);

  // The date range: yesterday only → nothing of today's; today → everything, and the exports follow.
  const { today, yesterday } = await days(page);
  await page.goto(`/audit?project=${slug}`);
  await expect(events).toHaveCount(3);
  await page.getByLabel("From", { exact: true }).fill(yesterday);
  await page.getByLabel("To", { exact: true }).fill(yesterday);
  await expect(page.getByText("No events match")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`from=${yesterday}&to=${yesterday}`));
  const csvLink = page.getByRole("link", { name: "Export CSV" });
  await expect(csvLink).toHaveAttribute("href", /from=.*&to=/);
  let downloading = page.waitForEvent("download");
  await csvLink.click();
  expect(readFileSync(await (await downloading).path(), "utf8").trim().split(/\r?\n/)).toHaveLength(1); // the header only

  await page.getByLabel("From", { exact: true }).fill(today);
  // The end before the start: the shared schema's message, and the list keeps the last good range.
  await expect(page.getByText("The end of the date range is before its start.")).toBeVisible();
  await page.getByLabel("To", { exact: true }).fill(today);
  await expect(page.getByText("The end of the date range is before its start.")).toHaveCount(0);
  await expect(events).toHaveCount(3);
  downloading = page.waitForEvent("download");
  await csvLink.click();
  const csv = readFileSync(await (await downloading).path(), "utf8");
  expect(csv.trim().split(/\r?\n/)).toHaveLength(1 + 3);
  expect(csv).toContain("https://admin.example.com");
  await shootBothSizes(page, "audit-readable");
  await removal.getByTestId("audit-summary").click();
  await shootBothSizes(page, "audit-readable-open");

  // The API takes the same range, validated by the same schema.
  const from = new Date(Date.now() - 3_600_000).toISOString();
  const to = new Date(Date.now() + 3_600_000).toISOString();
  const inRange = await request.get(`/api/v1/audit?project=${slug}&from=${from}&to=${to}`, { headers: adminAuth });
  expect(((await inRange.json()) as { events: unknown[] }).events).toHaveLength(3);
  const problem = await expectProblem(await request.get(`/api/v1/audit?project=${slug}&from=${to}&to=${from}`, { headers: adminAuth }), 422);
  expect(problem.errors).toEqual([expect.objectContaining({ field: "query.to", message: "The end of the date range is before its start." })]);
  await expectProblem(await request.get(`/api/v1/audit/export?format=csv&from=${to}&to=${from}`, { headers: adminAuth }), 422);
  await expectProblem(await request.get(`/api/v1/audit?from=yesterday`, { headers: adminAuth }), 422);
});
