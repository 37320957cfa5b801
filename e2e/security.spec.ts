import { expect, request as pwRequest, test } from "@playwright/test";
import { expectProblem, signIn, uniqueEmail, adminAuth } from "./support/api";

/**
 * Issue 12 through the real server (scripts/server.mjs: the edge stamps the
 * socket address before Next): the parts that depend on Next's routing and on the socket address
 * reaching the routes. Each rule's full table is in its integration test
 * (see README → Security).
 */
const PASSWORD = "password-for-security-tests";

async function newSession(baseURL: string, request: import("@playwright/test").APIRequestContext) {
  const email = uniqueEmail("sec");
  const created = await request.post("/api/v1/users", { headers: adminAuth, data: { name: "Sec", email, password: PASSWORD, role: "editor" } });
  expect(created.status()).toBe(201);
  const ctx = await pwRequest.newContext({ baseURL });
  await signIn(ctx, baseURL, email, PASSWORD);
  return { ctx, email };
}

test("the routes see the socket's address, not one a client writes (finding 1/6)", async ({ request }) => {
  // From 127.0.0.1, no proxy: this machine, so setup would need no code.
  expect(await (await request.get("/api/setup")).json()).toMatchObject({ setupCodeRequired: false });
  // A client claiming loopback through the private header and relaying itself: not believed.
  const spoofed = await request.get("/api/setup", { headers: { "x-corsboard-client-ip": "127.0.0.1", "x-forwarded-for": "203.0.113.9" } });
  expect(await spoofed.json()).toMatchObject({ setupCodeRequired: true });
});

test("a body-less POST with the session cookie from another origin is refused; from the dashboard it is not (finding 2)", async ({ baseURL, request }) => {
  const { ctx } = await newSession(baseURL!, request);
  const path = "/api/v1/change-requests/does-not-exist/withdraw";
  const foreign = await ctx.post(path, { headers: { origin: "http://127.0.0.1:3999" } });
  expect((await expectProblem(foreign, 403)).code).toBe("cross_site_request");
  await expectProblem(await ctx.post(path, {}), 403);
  await expectProblem(await ctx.post(path, { headers: { origin: baseURL! } }), 404);
  await ctx.dispose();
});

test("NUL in a query or a path id is a 422 naming the field, not a 500 (finding 3)", async ({ request }) => {
  const audit = await expectProblem(await request.get("/api/v1/audit?actor=%00", { headers: adminAuth }), 422);
  expect(audit.errors?.[0]).toMatchObject({ field: "query.actor", code: "invalid_text" });
  const byId = await expectProblem(await request.get("/api/v1/change-requests/%00", { headers: adminAuth }), 422);
  expect(byId.errors?.[0]).toMatchObject({ field: "params.id", code: "invalid_text" });
});

for (const next of ["/%5Cevil.example", "/%09/evil.example", "/.//evil.example"]) {
  test(`sign-in with ?next=${next} stays on the dashboard (finding 4)`, async ({ browser, baseURL, request }) => {
    const email = uniqueEmail("next");
    expect((await request.post("/api/v1/users", { headers: adminAuth, data: { name: "Nex", email, password: PASSWORD, role: "viewer" } })).status()).toBe(201);
    const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await page.goto(`/login?next=${next}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    await context.close();
  });
}
