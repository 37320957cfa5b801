import { expect, request as pwRequest, test, type Page } from "@playwright/test";
import { adminAuth, signIn, uniqueEmail } from "./support/api";
import { ADMIN_STATE } from "./support/paths";
import { createProjectApi, shootBothSizes, uniqueSlug } from "./support/project-fixtures";

interface ApiProject {
  slug: string;
  name: string;
  description: string | null;
  archived: boolean;
  environments: { slug: string; name: string; protected: boolean; baseUrls: string[] }[];
}

async function projectApi(request: import("@playwright/test").APIRequestContext, slug: string): Promise<ApiProject> {
  const res = await request.get(`/api/v1/projects/${slug}`, { headers: adminAuth });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { project: ApiProject }).project;
}

const envHeadings = (page: Page) => page.getByRole("list", { name: "Environments, in order" }).getByRole("heading", { level: 2 });

test.describe("projects (admin)", () => {
  test.use({ storageState: ADMIN_STATE });

  test("create a project, rename it, add and reorder environments, mark one protected, archive it", async ({ page, request }) => {
    // A long story, with screenshots at two sizes, on a shared 2-core machine.
    test.setTimeout(150_000);
    const slug = uniqueSlug("checkout");
    const taken = await createProjectApi(request, { slug: uniqueSlug("taken") });

    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();
    await page.getByRole("button", { name: "New project" }).click();
    const form = page.getByRole("form", { name: "Create project" });
    await expect(form.getByLabel("Environment 3 slug")).toHaveValue("prod");
    await expect(form.getByRole("checkbox", { name: /Protected \(environment 3\)/ })).toBeChecked();
    await shootBothSizes(page, "projects-new");

    // The slug is suggested from the name; a taken slug is refused next to the field.
    await form.getByLabel("Name").fill("Checkout API");
    await expect(form.getByLabel("Slug", { exact: true })).toHaveValue("checkout-api");
    await form.getByLabel("Slug", { exact: true }).fill(taken.slug);
    await form.getByRole("button", { name: "Create project" }).click();
    await expect(form.getByLabel("Slug", { exact: true })).toHaveAttribute("aria-invalid", "true");
    // Bad input is caught before it leaves the browser, also next to the field.
    await form.getByLabel("Slug", { exact: true }).fill("Not A Slug");
    await form.getByRole("button", { name: "Create project" }).click();
    await expect(form.getByText("Use lowercase letters, digits and dashes")).toBeVisible();

    await form.getByLabel("Slug", { exact: true }).fill(slug);
    await form.getByLabel("Description (optional)").fill("Cart and payment API.");
    await form.getByRole("button", { name: "Create project" }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));
    await expect(page.getByRole("heading", { level: 1, name: "Checkout API" })).toBeVisible();
    await expect(envHeadings(page)).toHaveText([/dev/, /staging/, /prod/]);
    await expect(page.getByRole("region", { name: /prod/ }).getByText("protected", { exact: true })).toBeVisible();

    // Rename: the header follows at once and the change is kept.
    const details = page.getByRole("form", { name: "Project details" });
    await details.getByLabel("Project name").fill("Checkout API v2");
    await details.getByLabel("Description").fill("Cart, payment and refunds.");
    await details.getByRole("button", { name: "Save details" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Checkout API v2" })).toBeVisible();
    await expect(details.getByText("Saved.")).toBeVisible();
    expect(await projectApi(request, slug)).toMatchObject({ name: "Checkout API v2", description: "Cart, payment and refunds." });

    // Add an environment; a bad base URL is explained per line.
    const add = page.getByRole("form", { name: "Add environment" });
    await add.getByLabel("Slug").fill("qa");
    await add.getByLabel("Base URLs (optional)").fill("https://api.qa.checkout.example\nnot a url");
    await add.getByRole("button", { name: "Add environment" }).click();
    await expect(add.getByText(/Line 2: Use an http\(s\) URL/)).toBeVisible();
    await add.getByLabel("Base URLs (optional)").fill("https://api.qa.checkout.example");
    await add.getByRole("button", { name: "Add environment" }).click();
    await expect(add.getByText("Environment qa added at the end.")).toBeVisible();
    await expect(envHeadings(page)).toHaveText([/dev/, /staging/, /prod/, /qa/]);

    // Reorder with the keyboard only: focus stays on the moved environment.
    const up = page.getByRole("button", { name: "Move qa up" });
    await up.focus();
    await page.keyboard.press("Enter");
    await expect(envHeadings(page)).toHaveText([/dev/, /staging/, /qa/, /prod/]);
    await expect(up).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(envHeadings(page)).toHaveText([/dev/, /qa/, /staging/, /prod/]);
    await expect.poll(async () => (await projectApi(request, slug)).environments.map((e) => e.slug)).toEqual(["dev", "qa", "staging", "prod"]);
    await page.reload();
    await expect(envHeadings(page)).toHaveText([/dev/, /qa/, /staging/, /prod/]);

    // Mark qa protected and rename it (admins only may change protection).
    const qa = page.getByRole("region", { name: /qa/ });
    await qa.getByRole("button", { name: "Settings of qa" }).click();
    const settings = page.getByRole("form", { name: "Settings of qa" });
    await settings.getByLabel("Name").fill("QA");
    await settings.getByLabel("Protected").check();
    await settings.getByRole("button", { name: "Save" }).click();
    await expect(settings).toHaveCount(0);
    await expect(page.getByRole("region", { name: /QA/ }).getByText("protected", { exact: true })).toBeVisible();
    const saved = await projectApi(request, slug);
    expect(saved.environments.find((e) => e.slug === "qa")).toMatchObject({ name: "QA", protected: true, baseUrls: ["https://api.qa.checkout.example"] });

    // Each environment card leads to its editor.
    await expect(page.getByRole("link", { name: "Edit origins of QA" })).toHaveAttribute("href", `/projects/${slug}/qa`);
    await shootBothSizes(page, "project");

    // Archive: gone from the list, back with "Show archived", then unarchived.
    await page.getByRole("button", { name: "Archive project…" }).click();
    await page.getByRole("button", { name: "Yes, archive it" }).click();
    await expect(page.getByText("This project is archived.")).toBeVisible();
    await page.goto("/");
    await expect(page.getByRole("link", { name: "Checkout API v2" })).toHaveCount(0);
    await page.getByLabel("Show archived projects").check();
    await expect(page.getByRole("link", { name: "Checkout API v2" })).toBeVisible();
    await shootBothSizes(page, "projects");
    await page.getByRole("link", { name: "Checkout API v2" }).click();
    await page.getByRole("button", { name: "Unarchive project" }).click();
    await expect(page.getByText("This project is archived.")).toHaveCount(0);
    expect((await projectApi(request, slug)).archived).toBe(false);
  });
});

test("a viewer sees projects but no buttons that change them", async ({ browser, request, baseURL }) => {
  const slug = uniqueSlug("viewable");
  await createProjectApi(request, { slug });
  const email = uniqueEmail("viewer");
  const created = await request.post("/api/v1/users", { headers: adminAuth, data: { name: "Vic Viewer", email, password: "password-for-tests", role: "viewer" } });
  expect(created.status()).toBe(201);
  const api = await pwRequest.newContext({ baseURL });
  await signIn(api, baseURL!, email, "password-for-tests");
  const context = await browser.newContext({ storageState: await api.storageState() });
  const page = await context.newPage();

  await page.goto("/");
  await expect(page.getByRole("link", { name: slug })).toBeVisible();
  await expect(page.getByRole("button", { name: "New project" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Import project" })).toHaveCount(0);
  await page.goto(`/projects/${slug}`);
  await expect(page.getByRole("heading", { level: 1, name: slug })).toBeVisible();
  await expect(page.getByRole("link", { name: "View origins of prod" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Settings of/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Move .* up/ })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Add environment" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Export JSON" })).toBeVisible();
  await context.close();
  await api.dispose();
});
