import { beforeAll, describe, expect, it } from "vitest";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";

/**
 * Issue 15, passwords: change your own (current password needed, other
 * sessions signed out), admin-issued one-time reset links (expire, work once,
 * audited), the sessions list and "sign out everywhere", and one password
 * rule on every path — through the route handlers, with real better-auth
 * sessions, on each database.
 */
const OWN = "http://localhost:3000";
const ADMIN = { name: "Ada", email: "ada-accounts@corsboard.test", password: "ada-password-1" };
const ADMIN_SECRET = "cb_accounts-admin-token-0123456789ab";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const load = async () => ({
  password: (await import("@/app/api/v1/me/password/route")) as Record<string, Handler>,
  sessions: (await import("@/app/api/v1/me/sessions/route")) as Record<string, Handler>,
  session: (await import("@/app/api/v1/me/sessions/[id]/route")) as Record<string, Handler>,
  issue: (await import("@/app/api/v1/users/[id]/password-reset/route")) as Record<string, Handler>,
  redeem: (await import("@/app/api/v1/password-resets/[token]/route")) as Record<string, Handler>,
  users: (await import("@/app/api/v1/users/route")) as Record<string, Handler>,
  me: (await import("@/app/api/v1/me/route")) as Record<string, Handler>,
  setup: (await import("@/app/api/setup/route")) as Record<string, Handler>,
  ...(await import("@/lib/server/auth/auth-handler")),
  ...(await import("@/lib/server/setup/create-first-admin")),
  ...(await import("@/lib/server/tokens/init-admin-token")),
  ...(await import("@/lib/server/accounts/password-reset")),
  db: (await import("@/lib/server/db/client")).prisma,
});

describe.each(TEST_BACKENDS)("passwords and sessions on %s", (backend) => {
  const t = useTestBackend(backend, load);

  async function call(handler: Handler | undefined, init: { method: string; path?: string; cookie?: string; bearer?: boolean; body?: unknown; params?: Record<string, string> }) {
    if (!handler) throw new Error("no handler");
    const headers: Record<string, string> = { origin: OWN };
    if (init.cookie) headers.cookie = init.cookie;
    if (init.bearer) headers.authorization = `Bearer ${ADMIN_SECRET}`;
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const res = await handler(new Request(`${OWN}${init.path ?? "/api/v1/x"}`, { method: init.method, headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) }), {
      params: Promise.resolve(init.params ?? {}),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> & { errors?: { field: string; code: string; message: string }[] } };
  }

  async function signIn(email: string, password: string): Promise<{ status: number; cookie: string }> {
    const res = await t.m.handleAuthRequest(
      new Request(`${OWN}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: OWN }, body: JSON.stringify({ email, password }) }),
    );
    return { status: res.status, cookie: res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") };
  }

  const signedIn = async (cookie: string) => (await call(t.m.me.GET, { method: "GET", cookie })).status === 200;

  async function createUser(email: string, password: string, role = "editor") {
    const res = await call(t.m.users.POST, { method: "POST", bearer: true, body: { name: email.split("@")[0], email, password, role } });
    expect(res.status).toBe(201);
    return (res.json.user as { id: string }).id;
  }

  const auditActions = async (targetId: string) =>
    (await t.m.db.auditEvent.findMany({ where: { targetId }, orderBy: { id: "asc" } })).map((e) => ({ action: e.action, actor: e.actorLabel }));

  beforeAll(async () => {
    await t.m.createFirstAdmin(ADMIN);
    await t.m.ensureInitAdminToken(ADMIN_SECRET);
  });

  it("without single sign-on, a new account needs an initial password (422 naming body.password, nothing created)", async () => {
    const email = `no-password-${backend}@corsboard.test`;
    const res = await call(t.m.users.POST, { method: "POST", bearer: true, body: { name: "Nopass", email, role: "viewer" } });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([expect.objectContaining({ field: "body.password", code: "required", message: expect.stringContaining("Enter an initial password") })]);
    expect(await t.m.db.user.count({ where: { email } })).toBe(0);
  });

  it("changing your password needs the current one, keeps this session and signs out the others; audited", async () => {
    const email = `change-${backend}@corsboard.test`;
    const id = await createUser(email, "first-password");
    const a = await signIn(email, "first-password");
    const b = await signIn(email, "first-password");
    expect([a.status, b.status]).toEqual([200, 200]);

    const sessions = await call(t.m.sessions.GET, { method: "GET", cookie: a.cookie });
    expect(sessions.status).toBe(200);
    const list = sessions.json.sessions as { id: string; current: boolean }[];
    expect(list).toHaveLength(2);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    expect(JSON.stringify(sessions.json)).not.toContain(a.cookie.split("=")[1]!.split(".")[0]!);

    const wrong = await call(t.m.password.POST, { method: "POST", cookie: a.cookie, body: { currentPassword: "not-it-at-all", newPassword: "second-password" } });
    expect(wrong.status).toBe(422);
    expect(wrong.json.errors).toEqual([expect.objectContaining({ field: "body.currentPassword", code: "wrong_password" })]);

    const weak = await call(t.m.password.POST, { method: "POST", cookie: a.cookie, body: { currentPassword: "first-password", newPassword: "aaaabbbb" } });
    expect(weak.status).toBe(422);
    expect(weak.json.errors?.[0]?.field).toBe("body.newPassword");
    const isEmail = await call(t.m.password.POST, { method: "POST", cookie: a.cookie, body: { currentPassword: "first-password", newPassword: email } });
    expect(isEmail.status).toBe(422);
    expect(isEmail.json.errors?.[0]?.message).toMatch(/email/);

    const ok = await call(t.m.password.POST, { method: "POST", cookie: a.cookie, body: { currentPassword: "first-password", newPassword: "second-password" } });
    expect(ok).toEqual({ status: 200, json: { signedOutSessions: 1 } });
    expect(await signedIn(a.cookie)).toBe(true);
    expect(await signedIn(b.cookie)).toBe(false);
    expect((await signIn(email, "first-password")).status).toBe(401);
    expect((await signIn(email, "second-password")).status).toBe(200);
    expect(await auditActions(id)).toEqual([
      { action: "user.create", actor: "token:init-admin-token" },
      { action: "user.password-change", actor: email },
    ]);
  });

  it("an API token has no password or sessions: 403 session_required", async () => {
    const res = await call(t.m.password.POST, { method: "POST", bearer: true, body: { currentPassword: "x", newPassword: "second-password" } });
    expect(res.status).toBe(403);
    expect(res.json.code).toBe("session_required");
    expect((await call(t.m.sessions.DELETE, { method: "DELETE", bearer: true })).json.code).toBe("session_required");
  });

  it("sign out everywhere, everywhere but here, and one session", async () => {
    const email = `sessions-${backend}@corsboard.test`;
    await createUser(email, "sessions-password");
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => signIn(email, "sessions-password")));
    const others = await call(t.m.sessions.DELETE, { method: "DELETE", path: "/api/v1/me/sessions?keep=current", cookie: a!.cookie });
    expect(others).toEqual({ status: 200, json: { signedOutSessions: 3 } });
    expect([await signedIn(a!.cookie), await signedIn(b!.cookie), await signedIn(c!.cookie), await signedIn(d!.cookie)]).toEqual([true, false, false, false]);

    const e = await signIn(email, "sessions-password");
    const listed = (await call(t.m.sessions.GET, { method: "GET", cookie: a!.cookie })).json.sessions as { id: string; current: boolean }[];
    const other = listed.find((s) => !s.current)!;
    expect((await call(t.m.session.DELETE, { method: "DELETE", cookie: a!.cookie, params: { id: other.id } })).status).toBe(200);
    expect(await signedIn(e.cookie)).toBe(false);
    // Someone else's session id is not yours to end.
    const admin = await signIn(ADMIN.email, ADMIN.password);
    const adminSession = ((await call(t.m.sessions.GET, { method: "GET", cookie: admin.cookie })).json.sessions as { id: string }[])[0]!;
    expect((await call(t.m.session.DELETE, { method: "DELETE", cookie: a!.cookie, params: { id: adminSession.id } })).status).toBe(404);
    expect(await signedIn(admin.cookie)).toBe(true);

    const all = await call(t.m.sessions.DELETE, { method: "DELETE", cookie: a!.cookie });
    expect(all).toEqual({ status: 200, json: { signedOutSessions: 1 } });
    expect(await signedIn(a!.cookie)).toBe(false);
  });

  it("an admin's reset link works once, signs the user out everywhere, and is audited without its secret", async () => {
    const email = `reset-${backend}@corsboard.test`;
    const id = await createUser(email, "forgotten-password");
    const before = await signIn(email, "forgotten-password");

    const viewer = await signIn(email, "forgotten-password");
    expect((await call(t.m.issue.POST, { method: "POST", cookie: viewer.cookie, params: { id } })).status).toBe(403);

    const first = await call(t.m.issue.POST, { method: "POST", bearer: true, params: { id } });
    expect(first.status).toBe(201);
    const second = await call(t.m.issue.POST, { method: "POST", bearer: true, params: { id } });
    const tokenOf = (r: typeof first) => String(r.json.path).split("/").pop()!;
    expect(String(second.json.url)).toMatch(/\/reset-password\/[\w-]{43}$/);

    // A newer link replaces the unused one.
    expect((await call(t.m.redeem.GET, { method: "GET", params: { token: tokenOf(first) } })).json.code).toBe("reset_link_invalid");
    const info = await call(t.m.redeem.GET, { method: "GET", params: { token: tokenOf(second) } });
    expect(info.json).toMatchObject({ email });

    const weak = await call(t.m.redeem.POST, { method: "POST", params: { token: tokenOf(second) }, body: { password: "short" } });
    expect(weak.status).toBe(422);
    const notEmail = await call(t.m.redeem.POST, { method: "POST", params: { token: tokenOf(second) }, body: { password: email } });
    expect(notEmail.json.errors?.[0]).toMatchObject({ field: "body.password", code: "weak_password" });

    // Two tabs redeem at once: one wins.
    const [r1, r2] = await Promise.all([
      call(t.m.redeem.POST, { method: "POST", params: { token: tokenOf(second) }, body: { password: "remembered-1" } }),
      call(t.m.redeem.POST, { method: "POST", params: { token: tokenOf(second) }, body: { password: "remembered-2" } }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 404]);
    const winner = r1.status === 200 ? "remembered-1" : "remembered-2";
    expect(await signedIn(before.cookie)).toBe(false);
    expect((await signIn(email, "forgotten-password")).status).toBe(401);
    expect((await signIn(email, winner)).status).toBe(200);
    expect((await call(t.m.redeem.POST, { method: "POST", params: { token: tokenOf(second) }, body: { password: "again-and-again" } })).json.code).toBe("reset_link_invalid");

    const events = await t.m.db.auditEvent.findMany({ where: { targetId: id, action: { startsWith: "user.password-reset" } }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.actorLabel])).toEqual([
      ["user.password-reset-issue", "token:init-admin-token"],
      ["user.password-reset-issue", "token:init-admin-token"],
      ["user.password-reset", email],
    ]);
    expect(JSON.stringify(events.map((e) => [e.before, e.after]))).not.toContain(tokenOf(second));
    const stored = await t.m.db.passwordReset.findMany({ where: { userId: id } });
    expect(JSON.stringify(stored)).not.toContain(tokenOf(second));
  });

  it("a reset link expires", async () => {
    const email = `expiry-${backend}@corsboard.test`;
    const id = await createUser(email, "expiring-password");
    const issued = await t.m.issuePasswordReset({ kind: "token", id: "t", name: "test", scope: "admin", projectId: null, environmentId: null, role: "admin" }, id, new Date(Date.now() - t.m.PASSWORD_RESET_TTL_MS - 1000));
    const token = issued.path.split("/").pop()!;
    const res = await call(t.m.redeem.POST, { method: "POST", params: { token }, body: { password: "too-late-password" } });
    expect(res.status).toBe(404);
    expect(res.json.code).toBe("reset_link_invalid");
  });

  it("the password rule holds on every path: create user, setup, and better-auth's own password endpoints are closed", async () => {
    const weakCreate = await call(t.m.users.POST, { method: "POST", bearer: true, body: { name: "W", email: `weak-${backend}@corsboard.test`, password: "12121212", role: "viewer" } });
    expect(weakCreate.status).toBe(422);
    expect(weakCreate.json.errors?.[0]?.field).toBe("body.password");
    const emailCreate = await call(t.m.users.POST, { method: "POST", bearer: true, body: { name: "W", email: `same-${backend}@corsboard.test`, password: `same-${backend}@corsboard.test`, role: "viewer" } });
    expect(emailCreate.json.errors?.[0]?.field).toBe("body.password");
    const setup = await call(t.m.setup.POST, { method: "POST", body: { name: "S", email: "s@corsboard.test", password: "aaaaaaaa" } });
    expect(setup.status).toBe(422);

    const user = await signIn(ADMIN.email, ADMIN.password);
    for (const path of ["/change-password", "/reset-password", "/request-password-reset", "/set-password"]) {
      const res = await t.m.handleAuthRequest(
        new Request(`${OWN}/api/auth${path}`, { method: "POST", headers: { "content-type": "application/json", origin: OWN, cookie: user.cookie }, body: JSON.stringify({ currentPassword: ADMIN.password, newPassword: "x", token: "x" }) }),
      );
      expect(res.status, path).toBe(404);
    }
    expect((await signIn(ADMIN.email, ADMIN.password)).status).toBe(200);
  });
});
