import { expect, request as pwRequest, test } from "@playwright/test";
import { adminAuth, expectProblem, signIn, uniqueEmail } from "./support/api";
import { ADMIN_STATE } from "./support/paths";

const PASSWORD = "password-for-tests";

async function createUser(request: import("@playwright/test").APIRequestContext, role: "admin" | "editor" | "viewer") {
  const email = uniqueEmail(role);
  const res = await request.post("/api/v1/users", { headers: adminAuth, data: { name: `${role} user`, email, password: PASSWORD, role } });
  expect(res.status(), await res.text()).toBe(201);
  const { user } = (await res.json()) as { user: { id: string; email: string } };
  return user;
}

async function sessionFor(baseURL: string, email: string) {
  // A browser sends Origin with every POST; the API refuses cookie writes without it (CSRF).
  const ctx = await pwRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  await signIn(ctx, baseURL, email, PASSWORD);
  return ctx;
}

test.describe("roles", () => {
  // Route × role matrix of the management API (the config and probe APIs join later).
  const matrix: { method: "GET" | "POST"; path: string; data?: unknown; allowed: ("viewer" | "editor" | "admin")[] }[] = [
    { method: "GET", path: "/api/v1/me", allowed: ["viewer", "editor", "admin"] },
    { method: "GET", path: "/api/v1/projects", allowed: ["viewer", "editor", "admin"] },
    { method: "GET", path: "/api/v1/projects/storefront-api", allowed: ["viewer", "editor", "admin"] },
    { method: "GET", path: "/api/v1/audit", allowed: ["viewer", "editor", "admin"] },
    { method: "GET", path: "/api/v1/users", allowed: ["admin"] },
    { method: "GET", path: "/api/v1/tokens", allowed: ["admin"] },
    { method: "POST", path: "/api/v1/tokens", data: { name: "matrix", scope: "admin" }, allowed: ["admin"] },
  ];

  for (const role of ["viewer", "editor", "admin"] as const) {
    test(`${role}: management routes answer by role`, async ({ request, baseURL }) => {
      const user = await createUser(request, role);
      const ctx = await sessionFor(baseURL!, user.email);
      for (const row of matrix) {
        const res = await ctx.fetch(row.path, { method: row.method, ...(row.data ? { data: row.data } : {}) });
        if (row.allowed.includes(role)) expect(res.status(), `${role} ${row.method} ${row.path}`).toBeLessThan(300);
        else await expectProblem(res, 403);
      }
      await ctx.dispose();
    });
  }

  test("an admin changes a role; a disabled user is signed out and can't sign in", async ({ request, baseURL }) => {
    const user = await createUser(request, "viewer");
    const ctx = await sessionFor(baseURL!, user.email);
    await expectProblem(await ctx.get("/api/v1/users"), 403);

    const promote = await request.patch(`/api/v1/users/${user.id}`, { headers: adminAuth, data: { role: "admin" } });
    expect(promote.status()).toBe(200);
    expect((await ctx.get("/api/v1/users")).status()).toBe(200);

    const disable = await request.patch(`/api/v1/users/${user.id}`, { headers: adminAuth, data: { disabled: true } });
    expect(disable.status()).toBe(200);
    await expectProblem(await ctx.get("/api/v1/me"), 401);
    const again = await pwRequest.newContext({ baseURL });
    const res = await again.post("/api/auth/sign-in/email", { data: { email: user.email, password: PASSWORD }, headers: { origin: baseURL! } });
    expect(res.status()).toBeGreaterThanOrEqual(400);
    await again.dispose();
    await ctx.dispose();

    const audit = (await (await request.get(`/api/v1/audit?targetType=user`, { headers: adminAuth })).json()) as { events: { action: string; targetId: string; before: { role: string } | null; after: { role: string } }[] };
    const mine = audit.events.filter((e) => e.targetId === user.id).map((e) => e.action);
    expect(mine).toEqual(["user.disable", "user.role-change", "user.create"]);
  });

  test("the last active admin can't be demoted or disabled", async ({ request }) => {
    const users = (await (await request.get("/api/v1/users", { headers: adminAuth })).json()) as { users: { id: string; role: string; disabled: boolean }[] };
    const admins = users.users.filter((u) => u.role === "admin" && !u.disabled);
    // Demote every admin but the first; the first then can't be demoted.
    for (const a of admins.slice(1)) expect((await request.patch(`/api/v1/users/${a.id}`, { headers: adminAuth, data: { role: "editor" } })).status()).toBe(200);
    const last = admins[0]!;
    const problem = await expectProblem(await request.patch(`/api/v1/users/${last.id}`, { headers: adminAuth, data: { role: "viewer" } }), 409);
    expect(problem.code).toBe("last_admin");
    await expectProblem(await request.patch(`/api/v1/users/${last.id}`, { headers: adminAuth, data: { disabled: true } }), 409);
  });
});

test.describe("API tokens", () => {
  test("created once, stored hashed, usable, last-used tracked, revocable", async ({ request, baseURL }) => {
    const created = await request.post("/api/v1/tokens", { headers: adminAuth, data: { name: "ci-pipeline", scope: "admin" } });
    expect(created.status()).toBe(201);
    const { token, secret } = (await created.json()) as { token: { id: string; prefix: string; lastUsedAt: string | null }; secret: string };
    expect(secret).toMatch(/^cb_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(token.prefix)).toBe(true);
    expect(token.lastUsedAt).toBeNull();

    const fresh = await pwRequest.newContext({ baseURL });
    const me = await fresh.get("/api/v1/me", { headers: { authorization: `Bearer ${secret}` } });
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ kind: "token", name: "ci-pipeline", role: "admin" });

    const list = await (await request.get("/api/v1/tokens", { headers: adminAuth })).text();
    expect(list).not.toContain(secret);
    const listed = (JSON.parse(list) as { tokens: { id: string; lastUsedAt: string | null }[] }).tokens.find((t) => t.id === token.id)!;
    expect(listed.lastUsedAt).not.toBeNull();

    expect((await request.delete(`/api/v1/tokens/${token.id}`, { headers: adminAuth })).status()).toBe(200);
    await expectProblem(await fresh.get("/api/v1/me", { headers: { authorization: `Bearer ${secret}` } }), 401);
    await fresh.dispose();
  });

  test("a config-read token can't use management routes", async ({ request, baseURL }) => {
    const created = await request.post("/api/v1/tokens", {
      headers: adminAuth,
      data: { name: "storefront prod service", scope: "config_read", project: "storefront-api", environment: "prod" },
    });
    expect(created.status()).toBe(201);
    const { token, secret } = (await created.json()) as { token: { project: string; environment: string }; secret: string };
    expect(token).toMatchObject({ project: "storefront-api", environment: "prod" });
    const fresh = await pwRequest.newContext({ baseURL });
    await expectProblem(await fresh.get("/api/v1/projects", { headers: { authorization: `Bearer ${secret}` } }), 403);
    await fresh.dispose();
  });
});

test("health reports the embedded database and the version", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: "ok", db: "embedded", version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
});

test("the OpenAPI document lists the management routes", async ({ request }) => {
  const doc = (await (await request.get("/api/v1/openapi.json")).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
  expect(doc.openapi).toMatch(/^3\./);
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/users", "/api/v1/tokens", "/api/v1/tokens/{id}", "/api/health"]));
});

test.describe("admin pages", () => {
  test.use({ storageState: ADMIN_STATE });

  test("an admin creates a user and a token from the dashboard", async ({ page }) => {
    await page.goto("/settings/users");
    await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
    const email = uniqueEmail("ui");
    const form = page.getByRole("form", { name: "Create user" });
    await form.getByLabel("Name").fill("Eve Editor");
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Initial password").fill("password-1234");
    await form.getByLabel("Role").selectOption("editor");
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByText(`${email} can now sign in as editor`)).toBeVisible();
    await expect(page.getByRole("cell", { name: email, exact: true })).toBeVisible();
    await page.screenshot({ path: "e2e/.artifacts/users.png", fullPage: true });

    await page.goto("/settings/tokens");
    const tokenForm = page.getByRole("form", { name: "Create API token" });
    await tokenForm.getByLabel("Name").fill("checkout-service staging");
    await tokenForm.getByLabel("Environment").selectOption("staging");
    await tokenForm.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByTestId("token-secret")).toHaveText(/^cb_/);
    await expect(page.getByRole("cell", { name: "checkout-service staging", exact: true })).toBeVisible();
    await page.screenshot({ path: "e2e/.artifacts/tokens.png", fullPage: true });
  });

  test("pages fit a narrow window", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, name] of [["/", "projects"], ["/projects/storefront-api", "project"], ["/settings/users", "users"], ["/settings/tokens", "tokens"], ["/audit", "audit"]] as const) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `e2e/.artifacts/narrow-${name}.png`, fullPage: true });
    }
  });
});

test("a viewer sees the admin pages refused, signed-out visitors go to sign in", async ({ page, request, baseURL }) => {
  await page.goto("/settings/users");
  await expect(page).toHaveURL(/\/login/);
  const user = await createUser(request, "viewer");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
  await page.goto("/settings/users");
  await expect(page.getByText("Only admins can see this page.")).toBeVisible();
  expect(baseURL).toBeTruthy();
});
