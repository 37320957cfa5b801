import { expect, test } from "@playwright/test";
import { createProject, uniqueProjectSlug } from "./support/editor-fixtures";
import { ADMIN_STATE } from "./support/paths";

/**
 * Texts that describe the page say what is true now (issue 14, item 6): a
 * message written at one moment must not outlive the state it described.
 */
test.use({ storageState: ADMIN_STATE });

test("the editor's messages follow the state: what is left to fix, and 'Draft saved' only while nothing is unsaved", async ({ page, request }) => {
  const slug = uniqueProjectSlug("stale");
  await createProject(request, slug);
  await page.goto(`/projects/${slug}/dev`);
  const box = page.getByRole("region", { name: "Add origins" });
  await box.getByLabel("Origins to add", { exact: true }).fill("https://ok.example.com\nhttps://bad.example.com/path\nnot an origin");
  await box.getByRole("button", { name: "Add origin" }).click();
  const status = box.getByRole("status");
  await expect(status).toHaveText("Added https://ok.example.com at the end of the list. 2 left to fix below.");
  // Dropping the entries left: the box is empty, and nothing is said to be left to fix.
  await box.getByRole("button", { name: "Drop entry not an origin" }).click();
  await expect(status).toHaveText("Added https://ok.example.com at the end of the list. 1 left to fix below.");
  await box.getByRole("button", { name: "Drop entry https://bad.example.com/path" }).click();
  await expect(box.getByLabel("Origins to add", { exact: true })).toHaveValue("");
  await expect(status).toHaveText("Added https://ok.example.com at the end of the list.");

  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("Draft saved (revision 1).")).toBeVisible();
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  // An edit after the save: "Unsaved changes", and the saved notice goes (it no longer describes the editor).
  await page.getByLabel("Origin 1", { exact: true }).fill("https://other.example.com");
  await expect(page.getByTestId("save-state")).toHaveText("Unsaved changes");
  await expect(page.getByText("Draft saved (revision 1).")).toHaveCount(0);
  // Undone: the editor shows revision 1 again, which the notice describes.
  await page.getByLabel("Origin 1", { exact: true }).fill("https://ok.example.com");
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
});
