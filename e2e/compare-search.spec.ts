import { expect, test } from "@playwright/test";
import { adminAuth } from "./support/api";
import { ADMIN_STATE } from "./support/paths";
import { addOriginsApi, createProjectApi, draftOriginsApi, shootBothSizes, uniqueSlug } from "./support/project-fixtures";

test.use({ storageState: ADMIN_STATE });

test("compare staging with prod, then promote an origin into prod's draft", async ({ page, request }) => {
  const slug = uniqueSlug("compare");
  await createProjectApi(request, { slug, name: `Compare ${slug}` });
  await addOriginsApi(request, slug, "staging", ["https://new-checkout.example.com", "https://beta.example.com", "https://shop.example.com"]);
  await addOriginsApi(request, slug, "prod", ["https://shop.example.com", "https://legacy.example.com"]);
  // prod also differs in one setting: credentials.
  const draft = (await (await request.get(`/api/v1/projects/${slug}/environments/prod/draft`, { headers: adminAuth })).json()) as {
    revision: number;
    content: { origins: { value: string; note: string | null; expiresAt: string | null }[] } & Record<string, unknown>;
  };
  const { origins, ...settings } = draft.content;
  const saved = await request.put(`/api/v1/projects/${slug}/environments/prod/draft`, {
    headers: adminAuth,
    data: { ...settings, revision: draft.revision, origins, allowCredentials: true },
  });
  expect(saved.status(), await saved.text()).toBe(200);

  await page.goto(`/projects/${slug}`);
  await page.getByRole("link", { name: "Compare & promote" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Compare & promote" })).toBeVisible();
  // Default: staging → prod.
  await expect(page.getByLabel("From (A)")).toHaveValue("staging");
  await expect(page.getByLabel("To (B)")).toHaveValue("prod");

  const onlyInA = page.getByRole("group", { name: "Origins only in staging" });
  await expect(onlyInA.getByRole("checkbox")).toHaveCount(2);
  await expect(page.getByRole("region", { name: /In both/ }).getByText("https://shop.example.com")).toBeVisible();
  await expect(page.getByRole("region", { name: /Only in prod/ }).getByText("https://legacy.example.com")).toBeVisible();
  await expect(page.getByRole("row", { name: /Credentials/ })).toContainText("differs");
  await expect(page.getByRole("row", { name: /Credentials/ })).toContainText(/no\s*yes/);
  await shootBothSizes(page, "compare");

  await onlyInA.getByLabel("https://new-checkout.example.com").check();
  await page.getByRole("button", { name: "Copy 1 to prod's draft" }).click();
  await expect(page.getByText("Copied 1 origin into prod's draft.")).toBeVisible();
  const editorLink = page.getByRole("link", { name: "Open prod's editor" });
  await expect(editorLink).toHaveAttribute("href", `/projects/${slug}/prod`);
  expect(await draftOriginsApi(request, slug, "prod")).toContain("https://new-checkout.example.com");
  // The comparison refreshes: that origin is now in both.
  await expect(onlyInA.getByRole("checkbox")).toHaveCount(1);
  await expect(page.getByRole("region", { name: /In both/ }).getByText("https://new-checkout.example.com")).toBeVisible();

  // Swapping compares the other way round.
  await page.getByRole("button", { name: "Swap" }).click();
  await expect(page.getByLabel("From (A)")).toHaveValue("prod");
  await expect(page.getByRole("group", { name: "Origins only in prod" }).getByRole("checkbox")).toHaveCount(1);
});

test("search finds an origin in several projects: exact entries, wildcards and substrings", async ({ page, request }) => {
  const tag = uniqueSlug("old");
  const host = `app.${tag}.example.com`;
  const first = uniqueSlug("search-a");
  const second = uniqueSlug("search-b");
  await createProjectApi(request, { slug: first, name: `Search A ${tag}` });
  await createProjectApi(request, { slug: second, name: `Search B ${tag}` });
  await addOriginsApi(request, first, "staging", [`https://${host}`]);
  await addOriginsApi(request, first, "prod", [`https://${host}`]);
  await addOriginsApi(request, second, "dev", [`https://*.${tag}.example.com`]);

  await page.goto("/");
  await page.getByRole("searchbox", { name: "Where is an origin allowed?" }).fill(`https://${host}`);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/\/search\?origin=/);
  await expect(page.getByRole("heading", { level: 2, name: /3 environments in 2 projects/ })).toBeVisible();

  const a = page.getByRole("list", { name: `Matches in Search A ${tag}` });
  await expect(a.getByTestId("search-hit")).toHaveCount(2);
  await expect(a.getByTestId("search-hit").first()).toContainText("exact entry");
  await expect(a.getByTestId("search-hit").first()).toContainText("draft");
  const b = page.getByRole("list", { name: `Matches in Search B ${tag}` });
  await expect(b.getByTestId("search-hit")).toContainText(`https://*.${tag}.example.com`);
  await expect(b.getByTestId("search-hit")).toContainText("wildcard matches it");
  await expect(b.getByRole("link", { name: /dev of Search B/ })).toHaveAttribute("href", `/projects/${second}/dev`);
  await shootBothSizes(page, "search");

  // A part of a host finds the entries that contain it.
  await page.getByRole("searchbox", { name: "Where is an origin allowed?" }).fill(tag);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByRole("list", { name: `Matches in Search B ${tag}` }).getByTestId("search-hit")).toContainText("contains the text");

  // Nothing found says so.
  await page.goto(`/search?origin=${encodeURIComponent(`https://nowhere-${tag}.example.org`)}`);
  await expect(page.getByText("is allowed nowhere")).toBeVisible();
});
