import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";
import { startOidcProvider, type OidcProviderProcess } from "@/e2e/servers/oidc-provider-process";

/**
 * Issue 15.2 on each database: the whole authorization-code flow through
 * the real better-auth handler (app/api/auth) and a real OpenID Connect
 * provider (the `oidc-provider` package, e2e/servers/oidc-provider.mjs, a
 * child process on a port the OS picks): first sign-in creates the user with
 * the claim's role (or the default), the role follows the claim at the next
 * sign-in with an audit entry, an account an admin created is linked by
 * email, a disabled user gets no session.
 */
const OWN = "http://localhost:3000";
const CLIENT = { id: "corsboard-int", secret: "corsboard-int-client-secret" };

let idp: OidcProviderProcess;
const env: Record<string, string> = {};

beforeAll(async () => {
  idp = await startOidcProvider({ id: CLIENT.id, secret: CLIENT.secret }, [`${OWN}/api/auth/callback/oidc`]);
  // Read by each backend's beforeAll (registered after this one).
  Object.assign(env, {
    CORSBOARD_OIDC_ISSUER: idp.issuer,
    CORSBOARD_OIDC_CLIENT_ID: CLIENT.id,
    CORSBOARD_OIDC_CLIENT_SECRET: CLIENT.secret,
    CORSBOARD_OIDC_SCOPES: "openid email profile groups",
    CORSBOARD_OIDC_ROLE_CLAIM: "groups",
    CORSBOARD_OIDC_ROLE_MAP: "corsboard-admins=admin,corsboard-editors=editor",
    CORSBOARD_OIDC_DEFAULT_ROLE: "viewer",
  });
});
afterAll(async () => {
  await idp?.stop();
});

const load = async () => ({
  ...(await import("@/lib/server/auth/auth-handler")),
  ...(await import("@/lib/server/http/client-address")),
  ...(await import("@/lib/server/users/create-user")),
  ...(await import("@/lib/server/users/update-user")),
  ...(await import("@/lib/server/users/insert-user")),
  client: await import("@/lib/server/db/client"),
});

/** name=value pairs of the Set-Cookie headers, merged into a jar. */
function keep(jar: Map<string, string>, res: Response) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const at = pair!.indexOf("=");
    jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

describe.each(TEST_BACKENDS)("single sign-on on %s", (backend) => {
  const t = useTestBackend(backend, load, { env });
  const system = { kind: "token" as const, id: "setup", name: "setup", scope: "admin" as const, projectId: null, environmentId: null, role: "admin" as const };

  async function auth(url: string, init: { method?: string; body?: unknown; jar: Map<string, string> }): Promise<Response> {
    t.m.markEdgeActive();
    const headers: Record<string, string> = { origin: OWN, ...t.m.edgeHeaders("198.51.100.30"), cookie: cookieHeader(init.jar) };
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const res = await t.m.handleAuthRequest(new Request(url, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) }));
    keep(init.jar, res);
    return res;
  }

  /** Sign in as `login` at the provider; answers where Corsboard's callback sent the browser, and the dashboard's cookies. */
  async function ssoSignIn(login: string): Promise<{ location: string; jar: Map<string, string> }> {
    const jar = new Map<string, string>();
    const idpJar = new Map<string, string>();
    const started = await auth(`${OWN}/api/auth/sign-in/social`, { method: "POST", body: { provider: "oidc", callbackURL: "/", errorCallbackURL: "/login" }, jar });
    expect(started.status, await started.clone().text()).toBe(200);
    let url = ((await started.json()) as { url: string }).url;
    expect(url.startsWith(`${idp.issuer}/auth`)).toBe(true);
    for (let hop = 0; hop < 10; hop++) {
      if (url.startsWith(OWN)) {
        const res = await auth(url, { jar });
        return { location: res.headers.get("location") ?? `status ${res.status}`, jar };
      }
      let res = await fetch(url, { redirect: "manual", headers: { cookie: cookieHeader(idpJar) } });
      keep(idpJar, res);
      if (res.status === 200 && /\/interaction\//.test(url)) {
        // The provider's own login form.
        res = await fetch(url, { method: "POST", redirect: "manual", headers: { cookie: cookieHeader(idpJar), "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ prompt: "login", login, password: "anything" }) });
        keep(idpJar, res);
      }
      const next = res.headers.get("location");
      if (!next) throw new Error(`the provider answered ${res.status} at ${url}: ${await res.text()}`);
      url = new URL(next, url).toString();
    }
    throw new Error("too many redirects");
  }

  const setIdpUser = (login: string, claims: { email: string; name: string; groups: string[] }) => idp.setUser(login, claims);

  const userByEmail = (email: string) => t.app.client.prisma.user.findUniqueOrThrow({ where: { email } });
  const auditOf = (userId: string) => t.app.client.prisma.auditEvent.findMany({ where: { targetId: userId }, orderBy: { id: "asc" } });

  it("creates the user at the first sign-in with the claim's role, then follows the claim at each sign-in (audited)", async () => {
    const login = `alice-${backend}`;
    const email = `${login}@corp.test`;
    await setIdpUser(login, { email, name: "Alice", groups: ["staff", "corsboard-editors"] });
    const first = await ssoSignIn(login);
    expect(first.location).toBe("/");
    expect([...first.jar.keys()].some((k) => k.includes("session_token"))).toBe(true);
    const created = await userByEmail(email);
    expect(created).toMatchObject({ name: "Alice", role: "editor" });

    await setIdpUser(login, { email, name: "Alice", groups: ["corsboard-admins", "corsboard-editors"] });
    expect((await ssoSignIn(login)).location).toBe("/");
    expect((await userByEmail(email)).role).toBe("admin");

    await setIdpUser(login, { email, name: "Alice", groups: [] });
    expect((await ssoSignIn(login)).location).toBe("/");
    expect((await userByEmail(email)).role).toBe("viewer");

    const events = await auditOf(created.id);
    expect(events.map((e) => [e.action, e.actorLabel])).toEqual([
      ["user.sso-create", email],
      ["user.sso-role", email],
      ["user.sso-role", email],
    ]);
    expect(events[0]!.after).toMatchObject({ role: "editor", via: "sso", claim: "groups", matched: ["corsboard-editors"] });
    expect(events[1]!.before).toMatchObject({ role: "editor" });
    expect(events[1]!.after).toMatchObject({ role: "admin", matched: ["corsboard-admins", "corsboard-editors"] });
    expect(events[2]!.after).toMatchObject({ role: "viewer", matched: [] });
  });

  it("an account an admin created without a password has no credential and is linked at the first sign-in", async () => {
    const login = `nopass-${backend}`;
    const email = `${login}@corp.test`;
    const made = await t.m.createUser(system, { name: "Nopass", email, role: "viewer" });
    expect(await t.app.client.prisma.account.count({ where: { userId: made.id } })).toBe(0);
    await setIdpUser(login, { email, name: "Nopass", groups: [] });
    expect((await ssoSignIn(login)).location).toBe("/");
    const linked = await userByEmail(email);
    expect(linked.id).toBe(made.id);
    expect(await t.app.client.prisma.account.findMany({ where: { userId: made.id }, select: { providerId: true } })).toEqual([{ providerId: "oidc" }]);
  });

  it("links an account an admin created (same email), takes the claim's role, and refuses it once disabled", async () => {
    const login = `bob-${backend}`;
    const email = `${login}@corp.test`;
    const made = await t.m.createUser(system, { name: "Bob", email, password: "bob-password-1", role: "viewer" });
    await setIdpUser(login, { email, name: "Bob B", groups: ["corsboard-editors"] });
    expect((await ssoSignIn(login)).location).toBe("/");
    const bob = await userByEmail(email);
    expect(bob.id).toBe(made.id);
    expect(bob.role).toBe("editor");
    expect(await t.app.client.prisma.account.count({ where: { userId: bob.id } })).toBe(2);

    await t.m.updateUser(system, bob.id, { disabled: true });
    const refused = await ssoSignIn(login);
    expect(refused.location).toMatch(/\/login\?error=account_disabled/);
    expect([...refused.jar.keys()].some((k) => k.includes("session_token"))).toBe(false);
    expect(await t.app.client.prisma.session.count({ where: { userId: bob.id } })).toBe(0);
  });
});

const loadAccounts = async () => ({
  ...(await load()),
  ...(await import("@/lib/server/accounts/change-password")),
  ...(await import("@/lib/server/accounts/password-reset")),
});

describe.each(TEST_BACKENDS)("SSO-only mode on %s", (backend) => {
  const BREAK_GLASS = `root-${backend}@corp.test`;
  const ssoOnlyEnv: Record<string, string> = { CORSBOARD_SSO_ONLY: "1", CORSBOARD_BREAK_GLASS_EMAIL: BREAK_GLASS };
  beforeAll(() => {
    Object.assign(ssoOnlyEnv, env, ssoOnlyEnv);
  });
  const t = useTestBackend(backend, loadAccounts, { env: ssoOnlyEnv });
  const system = { kind: "token" as const, id: "setup", name: "setup", scope: "admin" as const, projectId: null, environmentId: null, role: "admin" as const };

  async function signIn(email: string, password: string): Promise<Response> {
    t.m.markEdgeActive();
    const headers = { "content-type": "application/json", origin: OWN, ...t.m.edgeHeaders("198.51.100.31") };
    return t.m.handleAuthRequest(new Request(`${OWN}/api/auth/sign-in/email`, { method: "POST", headers, body: JSON.stringify({ email, password }) }));
  }

  it("refuses every password path (sign-in, change, reset link) but the break-glass account's", async () => {
    // Pat's password account dates from before SSO-only mode (createUser would refuse the password now).
    const pat = await t.app.client.prisma.$transaction((tx) => t.m.insertUser(tx, { name: "Pat", email: `pat-${backend}@corp.test`, password: "pat-password-1", role: "editor" }));
    const root = await t.m.createUser(system, { name: "Root", email: BREAK_GLASS, password: "root-password-1", role: "admin" });

    const refused = await signIn(pat.email, "pat-password-1");
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "sso_only" });
    // Refused before the password is checked: no failed attempt is counted, no session.
    expect(await t.app.client.prisma.session.count({ where: { userId: pat.id } })).toBe(0);

    const patActor = { kind: "user" as const, id: pat.id, email: pat.email, name: pat.name, role: "editor" as const };
    await expect(t.m.changePassword({ actor: patActor, keepSessionId: null, input: { currentPassword: "pat-password-1", newPassword: "pat-password-2" } })).rejects.toMatchObject({ status: 403, code: "sso_only" });
    await expect(t.m.issuePasswordReset(system, pat.id)).rejects.toMatchObject({ status: 403, code: "sso_only" });

    // The break-glass account keeps its password: sign-in, change and a reset link all work.
    expect((await signIn(BREAK_GLASS.toUpperCase(), "root-password-1")).status).toBe(200);
    const rootActor = { kind: "user" as const, id: root.id, email: root.email, name: root.name, role: "admin" as const };
    await expect(t.m.changePassword({ actor: rootActor, keepSessionId: null, input: { currentPassword: "root-password-1", newPassword: "root-password-2" } })).resolves.toMatchObject({ signedOutSessions: 1 });
    const link = await t.m.issuePasswordReset(system, root.id);
    await expect(t.m.redeemPasswordReset(link.path.split("/").pop()!, "root-password-3")).resolves.toMatchObject({ email: BREAK_GLASS });
  });

  it("creates SSO users without a password, refuses one for them, and requires one for the break-glass account (422 naming body.password)", async () => {
    const sam = await t.m.createUser(system, { name: "Sam", email: `sam-${backend}@corp.test`, role: "viewer" });
    expect(await t.app.client.prisma.account.count({ where: { userId: sam.id } })).toBe(0);

    const withPassword = `kim-${backend}@corp.test`;
    await expect(t.m.createUser(system, { name: "Kim", email: withPassword, password: "kim-password-1", role: "viewer" })).rejects.toMatchObject({
      status: 422,
      errors: [expect.objectContaining({ field: "body.password", code: "sso_only", message: expect.stringContaining("Leave the password empty") })],
    });
    expect(await t.app.client.prisma.user.count({ where: { email: withPassword } })).toBe(0);

    await t.app.client.prisma.user.deleteMany({ where: { email: BREAK_GLASS } });
    await expect(t.m.createUser(system, { name: "Root", email: BREAK_GLASS.toUpperCase(), role: "admin" })).rejects.toMatchObject({
      status: 422,
      errors: [expect.objectContaining({ field: "body.password", code: "required" })],
    });
  });
});
