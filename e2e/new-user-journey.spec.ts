import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { adminAuth } from "./support/api";
import { createProject, envApi, getDraft, publishApi, shoot, uniqueProjectSlug } from "./support/editor-fixtures";
import { ADMIN_STATE } from "./support/paths";

// Issue 14, items 1, 3, 4 and 5: what a new user tripped over in the editor and the history.
test.use({ storageState: ADMIN_STATE });
test.describe.configure({ timeout: 120_000 });

const addBox = (page: Page) => page.getByRole("region", { name: "Add origins" });

/** A new project's environment editor, with one origin added (not saved). */
async function editorWithOrigin(page: Page, request: APIRequestContext, prefix: string, environment: string, origin: string) {
  const slug = uniqueProjectSlug(prefix);
  await createProject(request, slug);
  await page.goto(`/projects/${slug}/${environment}`);
  await addBox(page).getByLabel("Origins to add", { exact: true }).fill(origin);
  await addBox(page).getByRole("button", { name: "Add origin" }).click();
  await expect(page.getByTestId("save-state")).toHaveText("Unsaved changes");
  return slug;
}
// The header's "Draft revision 1, saved by … just now" is the first relative time of a new project's editor.
const savedAt = (page: Page) => page.getByTestId("relative-time").first();

test("relative times: a draft saved by a server whose clock is ahead reads 'just now', never 'in …', and moves on", async ({ page, request }) => {
  // The browser's clock 30 s behind the server's: the old code said "in 30 seconds".
  await page.clock.install({ time: Date.now() - 30_000 });
  await editorWithOrigin(page, request, "reltime", "staging", "https://app.example.com");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  await expect(savedAt(page)).toHaveText("just now");
  // The absolute time on hover, the instant in the markup.
  await expect(savedAt(page)).toHaveAttribute("title", /\d/);
  const iso = await savedAt(page).getAttribute("datetime");
  expect(Date.parse(iso ?? "")).not.toBeNaN();

  // It ticks by itself: 50 s later (on the page's clock) the same element reads "… seconds ago".
  await page.clock.fastForward(50_000);
  await expect(savedAt(page)).toHaveText(/^\d+ seconds ago$/);
  await page.clock.fastForward(60_000);
  await expect(savedAt(page)).toHaveText(/^(1|2) minutes? ago$/);
  await expect(savedAt(page)).not.toHaveText(/^in /);
});

test("save and publish in one step: one new version with the edit, the dialog says how services follow", async ({ page, request }) => {
  const slug = await editorWithOrigin(page, request, "savepub", "staging", "https://shop.example.com");

  await page.getByRole("button", { name: "Publish…" }).click();
  const dialog = page.getByRole("dialog", { name: "Publish staging" });
  await expect(dialog).toContainText("SDK follow within about a second");
  await expect(dialog).not.toContainText("next refresh");
  await dialog.getByLabel("Message").fill("Open the shop");
  await shoot(page, "save-and-publish-dialog");
  await dialog.getByRole("button", { name: "Save and publish" }).click();
  await expect(dialog.getByText("Published staging v1.")).toBeVisible();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");

  const versions = (await (await request.get(`${envApi(slug, "staging")}/versions`, { headers: adminAuth })).json()) as { versions: { number: number }[] };
  expect(versions.versions.map((v) => v.number)).toEqual([1]);
  const v1 = (await (await request.get(`${envApi(slug, "staging")}/versions/1`, { headers: adminAuth })).json()) as { content: { origins: { value: string }[] } };
  expect(v1.content.origins.map((o) => o.value)).toEqual(["https://shop.example.com"]);
  expect((await getDraft(request, slug, "staging")).revision).toBe(1);
});

test("save and publish stays lint-gated: an unsaved error blocks it", async ({ page, request }) => {
  await editorWithOrigin(page, request, "savepub-lint", "dev", "https://app.example.com");
  await page.getByLabel("Origin 1", { exact: true }).fill("https://app.example.com/");
  await page.getByRole("button", { name: "Publish…" }).click();
  const dialog = page.getByRole("dialog", { name: "Publish dev" });
  await expect(dialog).toContainText("an error that blocks publishing");
  await dialog.getByLabel("Message").fill("Should not go out");
  await expect(dialog.getByRole("button", { name: "Save and publish" })).toBeDisabled();
});

test("rollback previews the diff against live before confirming", async ({ page, request }) => {
  const slug = uniqueProjectSlug("rollback");
  await createProject(request, slug);
  await publishApi(request, slug, "staging", { origins: ["https://a.example.com"] }, "First");
  await publishApi(request, slug, "staging", { origins: ["https://a.example.com", "https://b.example.com"] }, "Add b");
  await page.goto(`/projects/${slug}/staging/history`);
  const versions = page.getByTestId("version");
  await expect(versions).toHaveCount(2);
  await versions.nth(1).getByRole("button", { name: "Roll back to this version (v1)" }).click();
  const form = page.getByRole("form", { name: "Roll back to v1" });
  await expect(form.getByRole("heading", { name: "Changes against the live version v2" })).toBeVisible();
  const changes = form.getByRole("list", { name: "Origin changes" });
  await expect(changes).toContainText("https://b.example.com");
  await expect(changes).toContainText("removed");
  await expect(changes).not.toContainText("https://a.example.com");
  await shoot(page, "rollback-preview");
  await form.getByRole("button", { name: "Roll back to v1" }).click();
  await expect(page.getByText("Rolled back: published v3 with the content of v1.")).toBeVisible();
});

test("origins to add are linted in their environment before adding: localhost in prod is flagged in the panel", async ({ page, request }) => {
  const slug = uniqueProjectSlug("addlint");
  await createProject(request, slug);
  await page.goto(`/projects/${slug}/prod`);
  const box = addBox(page);
  await box.getByLabel("Origins to add", { exact: true }).fill("http://localhost:3000\nhttps://app.example.com");
  const check = box.getByRole("group", { name: "Check of the origins to add" });
  const entries = check.getByTestId("paste-entry");
  await expect(entries.nth(0)).toContainText("local or private-network address");
  await expect(entries.nth(0)).toContainText("Warning");
  await expect(entries.nth(0)).not.toContainText("✓ valid");
  await expect(entries.nth(1)).toContainText("✓ valid");
  await expect(check).toContainText("2 ready to add (1 with a warning).");
  await shoot(page, "add-origins-prod");

  // With credentials on, the same origin is an error in prod: it is not added.
  await page.getByLabel("Allow credentials").check();
  await expect(entries.nth(0)).toContainText("with the user's credentials");
  await expect(check).toContainText("1 ready to add, 1 to fix.");
  await box.getByRole("button", { name: "Add origin" }).click();
  await expect(page.getByLabel("Origin 1", { exact: true })).toHaveValue("https://app.example.com");
  await expect(box.getByLabel("Origins to add", { exact: true })).toHaveValue("http://localhost:3000");

  // In dev, localhost is just fine.
  await page.goto(`/projects/${slug}/dev`);
  await addBox(page).getByLabel("Origins to add", { exact: true }).fill("http://localhost:3000");
  await expect(addBox(page).getByTestId("paste-entry").first()).toContainText("✓ valid");
});
