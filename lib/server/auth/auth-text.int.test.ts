import { describe, expect, it } from "vitest";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";

/**
 * Issue 12, finding 3, for better-auth's own endpoints (app/api/auth): text
 * the database can't store (NUL, a lone surrogate) in a JSON body is a 422
 * naming the field, as on every other route — not a 500 from the database.
 */
const OWN = "http://localhost:3000";
const PASSWORD = "correct horse battery";

const load = async () => ({
  ...(await import("@/lib/server/auth/auth-handler")),
  ...(await import("@/lib/server/http/client-address")),
  ...(await import("@/lib/server/users/create-user")),
  client: await import("@/lib/server/db/client"),
});

describe.each(TEST_BACKENDS)("better-auth endpoints and unstorable text on %s", (backend) => {
  const t = useTestBackend(backend, load);
  const system = { kind: "token" as const, id: "setup", name: "setup", scope: "admin" as const, projectId: null, environmentId: null, role: "admin" as const };

  async function call(path: string, body: string, cookie?: string): Promise<Response> {
    t.m.markEdgeActive();
    const headers = { "content-type": "application/json", origin: OWN, ...t.m.edgeHeaders("198.51.100.20"), ...(cookie ? { cookie } : {}) };
    return t.m.handleAuthRequest(new Request(`${OWN}/api/auth${path}`, { method: "POST", headers, body }));
  }

  it("a NUL or a lone surrogate in a sign-in's fields is a 422 naming the field", async () => {
    const email = `text-${backend}@corsboard.test`;
    await t.m.createUser(system, { name: "u", email, password: PASSWORD, role: "viewer" });
    for (const [body, field] of [
      [`{"email":"a\\u0000b@corsboard.test","password":"x"}`, "body.email"],
      [`{"email":"${email}","password":"a\\ud800b"}`, "body.password"],
    ] as const) {
      const res = await call("/sign-in/email", body);
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ code: "validation_failed", errors: [{ field, code: "invalid_text" }] });
    }
    expect((await call("/sign-in/email", JSON.stringify({ email, password: PASSWORD }))).status).toBe(200);
  });

  it("better-auth's account endpoints are closed: a user can't rename, re-email or delete themselves around the audit log", async () => {
    const email = `self-${backend}@corsboard.test`;
    const user = await t.m.createUser(system, { name: "Original", email, password: PASSWORD, role: "viewer" });
    const signedIn = await call("/sign-in/email", JSON.stringify({ email, password: PASSWORD }));
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    for (const [path, body] of [
      ["/update-user", { name: "Renamed", image: "javascript:alert(1)" }],
      ["/change-email", { newEmail: `other-${backend}@corsboard.test` }],
      ["/delete-user", {}],
    ] as const) {
      const res = await call(path, JSON.stringify(body), cookie);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ code: "not_found", message: expect.stringContaining("PATCH /api/v1/users/{id}") });
    }
    expect(await t.m.client.prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true, email: true, image: true } })).toEqual({ name: "Original", email, image: null });
  });

  it("a body over 64 KiB is refused with 413 before it is read into memory (sign-in and the rest)", async () => {
    const big = JSON.stringify({ email: "big@corsboard.test", password: "x".repeat(70 * 1024) });
    for (const path of ["/sign-in/email", "/sign-out"]) {
      const res = await call(path, big);
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ code: "payload_too_large", errors: [{ field: "body" }] });
    }
  });
});
