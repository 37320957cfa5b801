import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { startServer, waitHealthy, type ServerProcess } from "./support/server-process";
import { startOidcProvider, type OidcProviderProcess } from "./servers/oidc-provider-process";

/**
 * Issue 15, single sign-on, in Chromium against a real OpenID Connect
 * provider (the `oidc-provider` package, e2e/servers/oidc-provider.mjs)
 * started by the test: sign in through the provider's own login page, the
 * user is created with the role the groups claim maps to, the role follows
 * the claim at the next sign-in (audited), a disabled user is refused; then
 * SSO-only mode: the password form is gone, the password API refuses, and
 * the break-glass admin still signs in with a password.
 */
const BASE_PORT = Number(process.env.E2E_PORT ?? 3100);
const CLIENT_ID = "corsboard-e2e";
const CLIENT_SECRET = "corsboard-e2e-client-secret";
const ADMIN = { email: "root@corsboard.test", password: "break-glass-pass-1" };
const ADMIN_TOKEN = "sso-e2e-admin-token-0123456789";
const IDP_NAME = "Corp ID";

let idp: OidcProviderProcess | undefined;
const ports = { sso: BASE_PORT + 1, ssoOnly: BASE_PORT + 2 };
let tmp: string;

const setIdpUser = (login: string, claims: { email: string; name: string; groups: string[] }) => idp!.setUser(login, claims);

async function startDashboard(port: number, extra: Record<string, string>): Promise<ServerProcess> {
  const server = startServer(port, {
    CORSBOARD_DATA_DIR: path.join(tmp, `data-${port}`),
    CORSBOARD_SEED_DEMO: "0",
    CORSBOARD_PUBLIC_URL: `http://127.0.0.1:${port}`,
    CORSBOARD_AUTH_RATE_LIMIT: "0",
    CORSBOARD_ADMIN_EMAIL: ADMIN.email,
    CORSBOARD_ADMIN_PASSWORD: ADMIN.password,
    CORSBOARD_INIT_ADMIN_TOKEN: ADMIN_TOKEN,
    CORSBOARD_OIDC_ISSUER: idp!.issuer,
    CORSBOARD_OIDC_CLIENT_ID: CLIENT_ID,
    CORSBOARD_OIDC_CLIENT_SECRET: CLIENT_SECRET,
    CORSBOARD_OIDC_NAME: IDP_NAME,
    CORSBOARD_OIDC_SCOPES: "openid email profile groups",
    CORSBOARD_OIDC_ROLE_CLAIM: "groups",
    CORSBOARD_OIDC_ROLE_MAP: "corsboard-admins=admin,corsboard-editors=editor",
    ...extra,
  });
  await waitHealthy(server, 180_000);
  return server;
}

const admin = (server: ServerProcess) => ({ authorization: `Bearer ${ADMIN_TOKEN}`, origin: server.url });

/** Through the dashboard's button and the provider's own login page, in a browser of its own (the provider keeps its own session). */
async function ssoSignIn(browser: Browser, server: ServerProcess, login: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByRole("button", { name: `Sign in with ${IDP_NAME}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${idp!.issuer}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  return page;
}

async function me(page: Page): Promise<{ email: string; role: string }> {
  const res = await page.request.get("/api/v1/me");
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { user?: { email: string; role: string }; email?: string; role?: string };
  return (body.user ?? body) as { email: string; role: string };
}

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

test.beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "corsboard-sso-"));
  idp = await startOidcProvider({ id: CLIENT_ID, secret: CLIENT_SECRET }, Object.values(ports).map((p) => `http://127.0.0.1:${p}/api/auth/callback/oidc`));
});
test.afterAll(async () => {
  await idp?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test.describe("single sign-on beside passwords", () => {
  let server: ServerProcess;
  test.beforeAll(async () => {
    server = await startDashboard(ports.sso, {});
  });
  test.afterAll(async () => server?.stop());

  test("first sign-in creates the user with the claim's role; the role follows the claim at each sign-in, audited; a disabled user is refused", async ({ browser }) => {
    const login = await browser.newPage({ baseURL: server.url });
    await login.goto("/login");
    await expect(login.getByLabel("Password")).toBeVisible();
    await expect(login.getByRole("button", { name: `Sign in with ${IDP_NAME}` })).toBeVisible();
    await login.screenshot({ path: "e2e/.artifacts/login-sso.png" });
    await login.close();

    await setIdpUser("alice", { email: "alice@corp.test", name: "Alice Ops", groups: ["staff", "corsboard-editors"] });
    const alice = await ssoSignIn(browser, server, "alice");
    await expect(alice.getByRole("heading", { name: "Projects" })).toBeVisible();
    expect(await me(alice)).toMatchObject({ email: "alice@corp.test", role: "editor" });
    // Signing out ends the Corsboard session and comes back to the login page (not the provider's logout).
    await alice.getByRole("button", { name: "Sign out" }).click();
    await expect(alice).toHaveURL(`${server.url}/login`);
    expect((await alice.request.get("/api/v1/me")).status()).toBe(401);
    await alice.context().close();

    // Promoted in the identity provider: admin at the next sign-in.
    await setIdpUser("alice", { email: "alice@corp.test", name: "Alice Ops", groups: ["corsboard-admins"] });
    const again = await ssoSignIn(browser, server, "alice");
    await expect(again.getByRole("heading", { name: "Projects" })).toBeVisible();
    expect(await me(again)).toMatchObject({ role: "admin" });
    await again.context().close();

    // No mapped group: the default role.
    await setIdpUser("carol", { email: "carol@corp.test", name: "Carol", groups: ["staff"] });
    const carol = await ssoSignIn(browser, server, "carol");
    await expect(carol.getByRole("heading", { name: "Projects" })).toBeVisible();
    expect(await me(carol)).toMatchObject({ email: "carol@corp.test", role: "viewer" });
    await carol.context().close();

    const audit = await fetch(`${server.url}/api/v1/audit`, { headers: admin(server) });
    const events = ((await audit.json()) as { events: { action: string; actor: string; after: Record<string, unknown> | null; before: Record<string, unknown> | null }[] }).events;
    expect(events.filter((e) => e.action === "user.sso-create").map((e) => e.after?.email).sort()).toEqual(["alice@corp.test", "carol@corp.test"]);
    const roleChanges = events.filter((e) => e.action === "user.sso-role");
    expect(roleChanges).toHaveLength(1);
    expect(roleChanges[0]).toMatchObject({ before: { role: "editor" }, after: { role: "admin", claim: "groups", matched: ["corsboard-admins"] } });

    // Disabled by an admin: the provider signs them in, Corsboard refuses.
    const users = ((await (await fetch(`${server.url}/api/v1/users`, { headers: admin(server) })).json()) as { users: { id: string; email: string }[] }).users;
    const carolId = users.find((u) => u.email === "carol@corp.test")!.id;
    const disabled = await fetch(`${server.url}/api/v1/users/${carolId}`, { method: "PATCH", headers: { ...admin(server), "content-type": "application/json" }, body: JSON.stringify({ disabled: true }) });
    expect(disabled.status).toBe(200);
    const refused = await ssoSignIn(browser, server, "carol");
    await expect(refused).toHaveURL(/\/login\?error=account_disabled/);
    await expect(refused.getByText("This account is disabled: ask an admin.")).toBeVisible();
    expect((await refused.request.get("/api/v1/me")).status()).toBe(401);
    await refused.context().close();
  });
});

test.describe("SSO-only mode", () => {
  let server: ServerProcess;
  test.beforeAll(async () => {
    server = await startDashboard(ports.ssoOnly, { CORSBOARD_SSO_ONLY: "1", CORSBOARD_BREAK_GLASS_EMAIL: ADMIN.email });
  });
  test.afterAll(async () => server?.stop());

  test("the password form is gone, every password path refuses, the break-glass admin still signs in", async ({ browser }) => {
    const page = await browser.newPage({ baseURL: server.url });
    await page.goto("/login");
    await expect(page.getByRole("button", { name: `Sign in with ${IDP_NAME}` })).toBeVisible();
    await expect(page.getByLabel("Password")).toHaveCount(0);
    await expect(page.getByLabel("Email")).toHaveCount(0);
    await page.screenshot({ path: "e2e/.artifacts/login-sso-only.png" });
    const phone = await browser.newPage({ baseURL: server.url, viewport: { width: 390, height: 844 } });
    await phone.goto("/login");
    await expect(phone.getByRole("button", { name: `Sign in with ${IDP_NAME}` })).toBeVisible();
    await phone.screenshot({ path: "e2e/.artifacts/login-sso-only-phone.png" });
    await phone.close();

    // An account made by an admin takes no password here (one would be unusable), and no password works for it.
    const withPassword = await fetch(`${server.url}/api/v1/users`, { method: "POST", headers: { ...admin(server), "content-type": "application/json" }, body: JSON.stringify({ name: "Pat", email: "pat@corp.test", password: "pat-password-1", role: "editor" }) });
    expect(withPassword.status).toBe(422);
    expect(await withPassword.json()).toMatchObject({ errors: [{ field: "body.password", code: "sso_only" }] });
    const created = await fetch(`${server.url}/api/v1/users`, { method: "POST", headers: { ...admin(server), "content-type": "application/json" }, body: JSON.stringify({ name: "Pat", email: "pat@corp.test", role: "editor" }) });
    expect(created.status).toBe(201);
    const patId = ((await created.json()) as { user: { id: string } }).user.id;
    const signIn = await fetch(`${server.url}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: server.url }, body: JSON.stringify({ email: "pat@corp.test", password: "pat-password-1" }) });
    expect(signIn.status).toBe(403);
    expect(await signIn.json()).toMatchObject({ code: "sso_only", message: `Passwords are turned off: sign in with ${IDP_NAME}.` });
    const reset = await fetch(`${server.url}/api/v1/users/${patId}/password-reset`, { method: "POST", headers: admin(server) });
    expect(reset.status).toBe(403);
    expect(await reset.json()).toMatchObject({ code: "sso_only" });

    // A single sign-on user can't change a password either.
    await setIdpUser("dave", { email: "dave@corp.test", name: "Dave", groups: ["corsboard-editors"] });
    const dave = await ssoSignIn(browser, server, "dave");
    await expect(dave.getByRole("heading", { name: "Projects" })).toBeVisible();
    expect(await me(dave)).toMatchObject({ role: "editor" });
    await dave.goto("/settings/account");
    await expect(dave.getByText(`You sign in with ${IDP_NAME}: passwords are turned off on this Corsboard.`)).toBeVisible();
    await expect(dave.getByLabel("Current password")).toHaveCount(0);
    const change = await dave.request.post("/api/v1/me/password", { headers: { origin: server.url }, data: { currentPassword: "x", newPassword: "new-password-9" } });
    expect(change.status()).toBe(403);
    expect(await change.json()).toMatchObject({ code: "sso_only" });
    await dave.context().close();

    // The break-glass path: the password form on /login?break-glass, for that one account.
    await page.goto("/login?break-glass");
    await expect(page.getByText("Break-glass sign-in")).toBeVisible();
    await page.getByLabel("Email").fill("pat@corp.test");
    await page.getByLabel("Password").fill("pat-password-1");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByText(`Passwords are turned off: sign in with ${IDP_NAME}.`)).toBeVisible();
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
    expect(await me(page)).toMatchObject({ email: ADMIN.email, role: "admin" });
    // Reset links are offered for the break-glass account alone.
    await page.goto("/settings/users");
    await expect(page.getByRole("button", { name: `Reset link for ${ADMIN.email}` })).toBeVisible();
    await expect(page.getByRole("button", { name: "Disable pat@corp.test" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Reset link for pat@corp.test" })).toHaveCount(0);

    // Adding a user asks for no password, except for the break-glass email.
    const form = page.getByRole("form", { name: "Create user" });
    await expect(form.getByLabel("Initial password")).toHaveCount(0);
    await expect(form.getByText(`No password: passwords are turned off here, so they sign in with ${IDP_NAME}.`)).toBeVisible();
    await form.getByLabel("Email").fill(ADMIN.email.toUpperCase());
    await expect(form.getByLabel("Initial password")).toBeVisible();
    await form.getByLabel("Name").fill("Quinn");
    await form.getByLabel("Email").fill("quinn@corp.test");
    await expect(form.getByLabel("Initial password")).toHaveCount(0);
    await page.screenshot({ path: "e2e/.artifacts/users-create-sso-only.png", fullPage: true });
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(form.getByText(`quinn@corp.test can now sign in with ${IDP_NAME} as viewer: the account is linked at their first sign-in.`)).toBeVisible();
    await expect(page.getByRole("button", { name: "Disable quinn@corp.test" })).toBeVisible();
  });
});
