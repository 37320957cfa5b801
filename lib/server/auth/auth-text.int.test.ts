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
});

describe.each(TEST_BACKENDS)("better-auth endpoints and unstorable text on %s", (backend) => {
  const t = useTestBackend(backend, load);
  const system = { kind: "token" as const, id: "setup", name: "setup", scope: "admin" as const, projectId: null, environmentId: null, role: "admin" as const };

  async function call(path: string, body: string, cookie?: string): Promise<Response> {
    t.m.markEdgeActive();
    const headers = { "content-type": "application/json", origin: OWN, ...t.m.edgeHeaders("198.51.100.20"), ...(cookie ? { cookie } : {}) };
    return t.m.handleAuthRequest(new Request(`${OWN}/api/auth${path}`, { method: "POST", headers, body }));
  }

  it("a NUL or a lone surrogate in update-user's name is a 422 naming the field", async () => {
    const email = `text-${backend}@corsboard.test`;
    await t.m.createUser(system, { name: "u", email, password: PASSWORD, role: "viewer" });
    const signedIn = await call("/sign-in/email", JSON.stringify({ email, password: PASSWORD }));
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

    for (const name of ["a\\u0000b", "a\\ud800b"]) {
      const res = await call("/update-user", `{"name":"${name}"}`, cookie);
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ code: "validation_failed", errors: [{ field: "body.name", code: "invalid_text" }] });
    }
    expect((await call("/update-user", JSON.stringify({ name: "fine" }), cookie)).status).toBe(200);
  });

  it("a body over 64 KiB is refused with 413 before it is read into memory (sign-in and the rest)", async () => {
    const big = JSON.stringify({ email: "big@corsboard.test", password: "x".repeat(70 * 1024) });
    for (const path of ["/sign-in/email", "/update-user"]) {
      const res = await call(path, big);
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ code: "payload_too_large", errors: [{ field: "body" }] });
    }
  });
});
