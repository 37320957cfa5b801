import { describe, expect, it } from "vitest";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";

/**
 * Issue 12, finding 1: the sign-in limits, through the real better-auth
 * handler on each database. Requests are built as the edge stamps them
 * (`edgeHeaders`: the socket address the edge saw, and the X-Forwarded-For
 * it received), so "another machine" is a socket address, not a header a
 * client can write.
 */
const OWN = "http://localhost:3000";
const PASSWORD = "correct horse battery";
const PER_ADDRESS = 3;

const load = async () => ({
  ...(await import("@/lib/server/auth/auth-handler")),
  ...(await import("@/lib/server/http/client-address")),
  ...(await import("@/lib/server/auth/sign-in-throttle")),
  ...(await import("@/lib/server/users/create-user")),
  client: await import("@/lib/server/db/client"),
});

describe.each(TEST_BACKENDS)("sign-in limits on %s", (backend) => {
  const t = useTestBackend(backend, load, {
    env: { CORSBOARD_AUTH_RATE_LIMIT: String(PER_ADDRESS), CORSBOARD_AUTH_ACCOUNT_LIMIT: "10", CORSBOARD_TRUSTED_PROXIES: "10.0.0.0/8" },
  });
  const system = { kind: "token" as const, id: "setup", name: "setup", scope: "admin" as const, projectId: null, environmentId: null, role: "admin" as const };
  let n = 0;
  // better-auth keeps its per-address buckets in memory in its own module,
  // which outlives the per-backend module graph (vi.resetModules only resets
  // what vite loads): each backend uses its own addresses, so one backend's
  // buckets can't fill the other's within the 10 s window.
  const lane = TEST_BACKENDS.indexOf(backend);
  const ip = (prefix: string, last: number) => `${prefix}.${last + 100 * lane}`;
  async function newUser(): Promise<string> {
    const email = `user-${backend}-${n++}@corsboard.test`;
    await t.m.createUser(system, { name: "u", email, password: PASSWORD, role: "viewer" });
    return email;
  }

  async function signIn(
    email: string,
    password: string,
    from: { socket: string; xff?: string },
    encoding: "json" | "form" | "json-naming-form" = "json",
  ): Promise<{ status: number; retryAfter: string | null; body: string }> {
    t.m.markEdgeActive();
    const headers = {
      "content-type": { json: "application/json", form: "application/x-www-form-urlencoded", "json-naming-form": "application/json; x=application/x-www-form-urlencoded" }[encoding],
      origin: OWN,
      // What Next adds (or what the client wrote): never believed.
      "x-forwarded-for": from.xff ?? from.socket,
      ...t.m.edgeHeaders(from.socket, from.xff !== undefined ? { forwardedFor: from.xff } : {}),
    };
    const res = await t.m.handleAuthRequest(new Request(`${OWN}/api/auth/sign-in/email`, { method: "POST", headers, body: encoding !== "form" ? JSON.stringify({ email, password }) : new URLSearchParams({ email, password }).toString() }));
    return { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.text() };
  }

  it("a rotating X-Forwarded-For does not reset the per-address limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PER_ADDRESS + 3; i++) {
      // A different account each time, so only the per-address limit is in play.
      statuses.push((await signIn(await newUser(), "wrong password", { socket: ip("203.0.113", 7), xff: `198.51.100.${i}` })).status);
    }
    expect(statuses).toEqual([...Array(PER_ADDRESS).fill(401), 429, 429, 429]);
    const limited = await signIn(await newUser(), PASSWORD, { socket: ip("203.0.113", 7), xff: "192.0.2.99" });
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    // Another machine is not affected.
    expect((await signIn(await newUser(), PASSWORD, { socket: ip("203.0.113", 8) })).status).toBe(200);
  });

  it("through a trusted proxy, each client behind it has its own per-address bucket; untrusted hops to its left are ignored", async () => {
    for (let i = 0; i < PER_ADDRESS; i++) {
      expect((await signIn(await newUser(), "wrong password", { socket: "10.0.0.5", xff: `1.1.1.${i}, ${ip("198.51.100", 50)}` })).status).toBe(401);
    }
    expect((await signIn(await newUser(), "wrong password", { socket: "10.0.0.5", xff: `1.1.1.200, ${ip("198.51.100", 50)}, 10.0.0.9` })).status).toBe(429);
    expect((await signIn(await newUser(), PASSWORD, { socket: "10.0.0.5", xff: ip("198.51.100", 51) })).status).toBe(200);
  });

  it("an account gets 10 failed attempts per 15 minutes from any number of addresses; then even the right password waits", async () => {
    const email = await newUser();
    for (let i = 0; i < 10; i++) {
      expect((await signIn(email, `wrong ${i}`, { socket: `198.18.0.${i + 1}` })).status).toBe(401);
    }
    const locked = await signIn(email.toUpperCase(), PASSWORD, { socket: "198.18.1.1" });
    expect(locked.status).toBe(429);
    expect(JSON.parse(locked.body)).toMatchObject({ code: "account_locked", message: expect.stringMatching(/try again in 15 minutes/) });
    expect(Number(locked.retryAfter)).toBeGreaterThan(14 * 60);
    expect(Number(locked.retryAfter)).toBeLessThanOrEqual(15 * 60);

    // The window passes (moved back in the database, as 15 minutes would).
    await t.m.client.prisma.signInThrottle.update({ where: { key: t.m.accountKey(email) }, data: { windowStart: new Date(Date.now() - t.m.ACCOUNT_WINDOW_MS - 1000) } });
    expect((await signIn(email, PASSWORD, { socket: "198.18.1.2" })).status).toBe(200);
    // A success starts the count over.
    expect(await t.m.client.prisma.signInThrottle.count({ where: { key: t.m.accountKey(email) } })).toBe(0);
  });

  it("a form-encoded sign-in (better-auth takes application/x-www-form-urlencoded too) counts against the account like a JSON one", async () => {
    const email = await newUser();
    for (let i = 0; i < 10; i++) {
      expect((await signIn(email, `wrong ${i}`, { socket: `198.20.0.${i + 1}` }, "form")).status).toBe(401);
    }
    expect((await signIn(email, PASSWORD, { socket: "198.20.1.1" }, "form")).status).toBe(429);
    expect((await signIn(email, PASSWORD, { socket: "198.20.1.2" }, "json")).status).toBe(429);
    expect((await signIn(email, PASSWORD, { socket: "198.20.1.3" }, "json-naming-form")).status).toBe(429);
  });

  it("rows whose window ended are deleted (every email tried writes one, accounts or not: the table must not grow forever)", async () => {
    const start = new Date(Date.now() + 60 * 60 * 1000);
    const tried = Array.from({ length: 5 }, (_, i) => `nobody-${backend}-${i}@corsboard.test`);
    for (const email of tried) await t.m.reserveSignInAttempt(email, start);
    const later = new Date(start.getTime() + t.m.ACCOUNT_WINDOW_MS + 2 * 60 * 1000);
    await t.m.reserveSignInAttempt(`someone-else-${backend}@corsboard.test`, later);
    expect(await t.m.client.prisma.signInThrottle.count({ where: { key: { in: tried.map((e) => t.m.accountKey(e)) } } })).toBe(0);
    expect(await t.m.client.prisma.signInThrottle.count({ where: { key: t.m.accountKey(`someone-else-${backend}@corsboard.test`) } })).toBe(1);
  });

  it("a signed-in session can't guess its own password through better-auth's verify-password (no account limit counts it): closed", async () => {
    const email = await newUser();
    t.m.markEdgeActive();
    const signedIn = await t.m.handleAuthRequest(
      new Request(`${OWN}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: OWN, ...t.m.edgeHeaders(ip("198.21.0", 1)) }, body: JSON.stringify({ email, password: PASSWORD }) }),
    );
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const verify = (password: string, socket: string) =>
      t.m.handleAuthRequest(
        new Request(`${OWN}/api/auth/verify-password`, { method: "POST", headers: { "content-type": "application/json", origin: OWN, cookie, ...t.m.edgeHeaders(socket) }, body: JSON.stringify({ password }) }),
      );
    // Guesses from many addresses, then the right one: nothing answers whether a password is right.
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await verify(`wrong ${i}`, ip("198.21.1", i))).status);
    statuses.push((await verify(PASSWORD, ip("198.21.2", 1))).status);
    expect(statuses).toEqual(Array(13).fill(404));
  });

  it("parallel guesses get exactly the limit through", async () => {
    const email = await newUser();
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => signIn(email, `wrong ${i}`, { socket: `198.19.${i}.1` })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });
});
