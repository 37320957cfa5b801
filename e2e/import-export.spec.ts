import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { adminAuth } from "./support/api";
import { ADMIN_STATE } from "./support/paths";
import { addOriginsApi, createProjectApi, draftOriginsApi, shootBothSizes, uniqueSlug } from "./support/project-fixtures";

test.use({ storageState: ADMIN_STATE });

interface ExportDocument {
  format: string;
  project: { slug: string; name: string; description: string | null };
  environments: { slug: string; name: string; protected: boolean; baseUrls: string[]; policy: { origins: { value: string; note: string | null; expiresAt: string | null }[] } & Record<string, unknown> }[];
}

async function exportApi(request: import("@playwright/test").APIRequestContext, slug: string): Promise<ExportDocument> {
  const res = await request.get(`/api/v1/projects/${slug}/export`, { headers: adminAuth });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as ExportDocument;
}

test("export a project, import it as a new project, export again: the same document", async ({ page, request }) => {
  const slug = uniqueSlug("export");
  await createProjectApi(request, {
    slug,
    name: `Export ${slug}`,
    description: "Round trip",
    environments: [
      { slug: "staging", name: "Staging", baseUrls: ["https://api.staging.roundtrip.example"] },
      { slug: "prod", name: "Production", protected: true, baseUrls: ["https://api.roundtrip.example"] },
    ],
  });
  await addOriginsApi(request, slug, "staging", ["https://staging.roundtrip.example", "https://*.preview.roundtrip.example"]);
  await addOriginsApi(request, slug, "prod", ["https://www.roundtrip.example"]);

  // Export from the project page: the downloaded file is the API's document.
  await page.goto(`/projects/${slug}`);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export JSON" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${slug}.corsboard.json`);
  const file = await download.path();
  const exported = JSON.parse(readFileSync(file, "utf8")) as ExportDocument;
  expect(exported).toEqual(await exportApi(request, slug));
  expect(exported.environments.map((e) => e.slug)).toEqual(["staging", "prod"]);

  // Import the file as a new project.
  const copy = uniqueSlug("imported");
  await page.goto("/");
  await page.getByRole("link", { name: "Import project" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import a project" })).toBeVisible();
  await page.getByLabel("Or upload a file").setInputFiles(file);
  await expect(page.getByLabel("Exported document (JSON)")).not.toHaveValue("");
  await expect(page.getByLabel("New project slug")).toHaveValue(slug);
  await page.getByLabel("New project slug").fill(copy);
  await page.getByLabel("New project name").fill(`Copy of ${slug}`);
  await shootBothSizes(page, "import");
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText(`Project Copy of ${slug} created from the document.`)).toBeVisible();

  const again = await exportApi(request, copy);
  expect(again.project).toEqual({ slug: copy, name: `Copy of ${slug}`, description: exported.project.description });
  expect({ ...again, project: null }).toEqual({ ...exported, project: null });

  // Replace the drafts of the copy with an edited document.
  const edited: ExportDocument = structuredClone(again);
  edited.environments[1]!.policy.origins.push({ value: "https://shop.roundtrip.example", note: "added by import", expiresAt: null });
  await page.goto("/projects/import");
  await page.getByLabel("Exported document (JSON)").fill(JSON.stringify(edited, null, 2));
  await page.getByLabel("Replace the drafts of an existing project").check();
  await page.getByLabel("Project whose drafts are replaced").selectOption(copy);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText(`The drafts of Copy of ${slug} were replaced.`)).toBeVisible();
  expect(await draftOriginsApi(request, copy, "prod")).toContain("https://shop.roundtrip.example");
  expect(await draftOriginsApi(request, slug, "prod")).not.toContain("https://shop.roundtrip.example");
});

test("importing a broken document lists every problem, with where it is", async ({ page, request }) => {
  const policy = {
    allowCredentials: false,
    allowedMethods: ["GET"],
    allowedHeaders: [],
    reflectRequestHeaders: false,
    exposedHeaders: [],
    maxAgeSeconds: null,
    noOrigin: "allow",
    allowPrivateNetwork: false,
  };
  const broken = {
    format: "corsboard.project/v1",
    project: { slug: "Not A Slug", name: "Broken", description: null },
    environments: [
      {
        slug: "staging",
        name: "staging",
        protected: false,
        baseUrls: ["ftp://nope"],
        policy: { ...policy, origins: [{ value: "https://ok.example.com", note: null, expiresAt: null }, { value: "https://bad.example.com/path/", note: null, expiresAt: null }] },
      },
      { slug: "prod", name: "prod", protected: true, baseUrls: [], policy: { ...policy, origins: [{ value: "http://exa mple.com", note: null, expiresAt: null }] } },
    ],
  };
  // What the server says about it, to check the page shows all of it.
  const res = await request.post("/api/v1/projects/import", { headers: adminAuth, data: { document: broken, mode: "create" } });
  expect(res.status()).toBe(422);
  const { errors } = (await res.json()) as { errors: { field: string; message: string }[] };
  expect(errors.length).toBeGreaterThanOrEqual(2);

  await page.goto("/projects/import");
  // Not JSON at all: said at once, nothing sent.
  await page.getByLabel("Exported document (JSON)").fill("{ not json");
  await expect(page.getByText(/This is not valid JSON/)).toBeVisible();

  await page.getByLabel("Exported document (JSON)").fill(JSON.stringify(broken, null, 2));
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText(`the document has ${errors.length} problems`)).toBeVisible();
  const items = page.getByRole("list", { name: "Problems in the document" }).getByTestId("import-problem");
  await expect(items).toHaveCount(errors.length);
  for (const [i, e] of errors.entries()) {
    await expect(items.nth(i)).toContainText(e.message);
    await expect(items.nth(i)).toContainText(e.field.replace(/^body\.document\./, "").replace(/^body\./, ""));
  }
  await shootBothSizes(page, "import-problems");
});
