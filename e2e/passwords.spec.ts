import { expect, request as pwRequest, test, type Browser, type Page } from "@playwright/test";
import { adminAuth, expectProblem, signIn, uniqueEmail } from "./support/api";
import { ADMIN_STATE } from "./support/paths";

/**
 * Issue 15, passwords, in Chromium: a user changes their own password (the
 * other session is signed out, this one stays), and an admin issues a
 * one-time reset link that the user opens in their own browser.
 */
const FIRST = "first-password-1";

async function createUser(request: import("@playwright/test").APIRequestContext, role: "editor" | "viewer" = "editor") {
  const email = uniqueEmail(`pw-${role}`);
  const res = await request.post("/api/v1/users", { headers: adminAuth, data: { name: "Pat Password", email, password: FIRST, role } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { user: { id: string; email: string } }).user;
}

async function signInPage(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
}

async function phoneShot(browser: Browser, state: Awaited<ReturnType<import("@playwright/test").BrowserContext["storageState"]>> | undefined, url: string, path: string) {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, ...(state ? { storageState: state } : {}) });
  const phone = await ctx.newPage();
  await phone.goto(url);
  await phone.waitForLoadState("networkidle");
  await phone.screenshot({ path, fullPage: true });
  await ctx.close();
}

test("change your password: the current one is needed, the other session is signed out, this one stays", async ({ page, request, baseURL, browser }) => {
  const user = await createUser(request);
  const other = await pwRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await signIn(other, baseURL!, user.email, FIRST);
  await signInPage(page, user.email, FIRST);

  await page.getByRole("link", { name: "Pat Password" }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  const sessions = page.getByRole("list", { name: "Sessions" });
  await expect(sessions.getByRole("listitem")).toHaveCount(2);
  await expect(sessions.getByText("this browser")).toHaveCount(1);
  await expect(page.getByText("At least 8 characters, 5 of them different, and not your email address.")).toBeVisible();
  await page.screenshot({ path: "e2e/.artifacts/account.png", fullPage: true });
  await phoneShot(browser, await page.context().storageState(), "/settings/account", "e2e/.artifacts/account-phone.png");

  await page.getByLabel("Current password").fill("not-my-password");
  await page.getByLabel("New password", { exact: true }).fill("second-password-2");
  await page.getByLabel("New password again").fill("second-password-2");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();

  await page.getByLabel("Current password").fill(FIRST);
  await page.getByLabel("New password", { exact: true }).fill("aaaabbbb");
  await page.getByLabel("New password again").fill("aaaabbbb");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText(/Use at least 5 different characters/)).toBeVisible();

  await page.getByLabel("New password", { exact: true }).fill("second-password-2");
  await page.getByLabel("New password again").fill("second-password-2");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password is changed. 1 other session was signed out.")).toBeVisible();
  await expect(sessions.getByRole("listitem")).toHaveCount(1);
  await page.screenshot({ path: "e2e/.artifacts/account-changed.png", fullPage: true });

  await expectProblem(await other.get("/api/v1/me"), 401);
  await other.dispose();
  expect((await page.request.get("/api/v1/me")).status()).toBe(200);

  // The old password no longer works, the new one does; "sign out everywhere" ends this session too.
  const fresh = await pwRequest.newContext({ baseURL });
  expect((await fresh.post("/api/auth/sign-in/email", { data: { email: user.email, password: FIRST }, headers: { origin: baseURL! } })).status()).toBe(401);
  await signIn(fresh, baseURL!, user.email, "second-password-2");
  await fresh.dispose();
  await page.reload();
  await expect(sessions.getByRole("listitem")).toHaveCount(2);
  await page.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(page.getByText("1 other session signed out.")).toBeVisible();
  await page.getByRole("button", { name: "Sign out everywhere", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
  await expectProblem(await page.request.get("/api/v1/me"), 401);
});

test.describe("reset links", () => {
  test.use({ storageState: ADMIN_STATE });

  test("an admin issues a one-time link; the user sets a password with it, once", async ({ page, request, browser, baseURL }) => {
    const user = await createUser(request, "viewer");
    const before = await pwRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
    await signIn(before, baseURL!, user.email, FIRST);

    await page.goto("/settings/users");
    await page.getByRole("button", { name: `Reset link for ${user.email}` }).click();
    const dialog = page.getByRole("dialog", { name: `Reset link for ${user.email}` });
    const linkField = dialog.getByLabel("Reset link");
    await expect(linkField).toHaveValue(/\/reset-password\/[\w-]{43}$/);
    const link = await linkField.inputValue();
    await page.screenshot({ path: "e2e/.artifacts/users-reset-link.png" });
    await dialog.getByRole("button", { name: "Done" }).click();
    await phoneShot(browser, await page.context().storageState(), "/settings/users", "e2e/.artifacts/users-phone.png");

    // The user opens it in their own browser, signed out.
    const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const userPage = await theirs.newPage();
    await userPage.goto(link);
    await expect(userPage.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    await expect(userPage.getByText(`For ${user.email}. The link works once.`)).toBeVisible();
    await userPage.getByLabel("New password", { exact: true }).fill(user.email);
    await userPage.getByLabel("New password again").fill(user.email);
    await userPage.getByRole("button", { name: "Set password" }).click();
    await expect(userPage.getByText("Don't use your email address as your password.")).toBeVisible();
    await userPage.screenshot({ path: "e2e/.artifacts/reset-password.png" });
    await phoneShot(browser, undefined, link, "e2e/.artifacts/reset-password-phone.png");

    await userPage.getByLabel("New password", { exact: true }).fill("reset-password-3");
    await userPage.getByLabel("New password again").fill("reset-password-3");
    await userPage.getByRole("button", { name: "Set password" }).click();
    await expect(userPage.getByText(`Your password is set. Every session of ${user.email} was signed out.`)).toBeVisible();
    await expectProblem(await before.get("/api/v1/me"), 401);
    await before.dispose();

    await userPage.getByRole("link", { name: "Sign in" }).click();
    await userPage.getByLabel("Email").fill(user.email);
    await userPage.getByLabel("Password").fill("reset-password-3");
    await userPage.getByRole("button", { name: "Sign in" }).click();
    await expect(userPage.getByRole("heading", { name: "Projects" })).toBeVisible();

    // Used once: the link is dead now.
    await userPage.goto(link);
    await expect(userPage.getByRole("heading", { name: "This link doesn't work" })).toBeVisible();
    await userPage.screenshot({ path: "e2e/.artifacts/reset-password-used.png" });
    await theirs.close();

    const audit = (await (await request.get(`/api/v1/audit?targetType=user`, { headers: adminAuth })).json()) as { events: { action: string; targetId: string; actor: string }[] };
    expect(audit.events.filter((e) => e.targetId === user.id).map((e) => e.action)).toEqual(["user.password-reset", "user.password-reset-issue", "user.create"]);
  });
});
