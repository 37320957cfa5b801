import { describe, expect, it } from "vitest";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";
import { documentedRoutes, type DocumentedRoute } from "@/lib/server/http/test-support/openapi-walk";

/**
 * Issue 12, finding 2: every route of the OpenAPI document that changes state
 * and takes the session cookie is called with a real session cookie from a
 * foreign origin (a page on another port of the same host, a sibling
 * subdomain) → 403 cross_site_request, body-less POSTs included; from the
 * dashboard's own origin → anything but that. Sessions are real better-auth
 * sessions (signed in through its handler).
 */
process.env.CORSBOARD_PROBE_ALLOW_PRIVATE = "0";

const OWN = "http://localhost:3000";
const ADMIN = { name: "Ada", email: "ada-csrf@corsboard.test", password: "correct horse battery" };
const ADMIN_SECRET = "cb_csrf-admin-token-0123456789abcdef";
const PARAMS: Record<string, string> = { project: "csrf", environment: "dev", id: "does-not-exist", number: "1" };

/** Routes that sign the caller out when they succeed. */
const SIGNS_OUT = new Set(["DELETE /api/v1/me/sessions"]);

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const mutating = documentedRoutes().filter((r) => r.cookieAuth && r.method !== "GET");
const load = async () => ({
  handlers: Object.fromEntries(await Promise.all(mutating.map(async (r) => [r.file, (await import(`@/${r.file}`)) as Record<string, Handler>] as const))),
  ...(await import("@/lib/server/setup/create-first-admin")),
  ...(await import("@/lib/server/tokens/init-admin-token")),
  auth: await import("@/lib/server/auth/auth"),
});

describe.each(TEST_BACKENDS)("cross-site writes with the session cookie, on %s", (backend) => {
  const t = useTestBackend(backend, load);
  let cookie = "";

  async function call(route: DocumentedRoute, headers: Record<string, string>): Promise<{ status: number; code?: string }> {
    const handler = t.m.handlers[route.file]?.[route.method];
    if (!handler) throw new Error(`${route.method} ${route.path}: no handler`);
    const url = `${OWN}${route.path.replace(/\{(\w+)\}/g, (_, p: string) => PARAMS[p] ?? "x")}`;
    const params = Object.fromEntries(route.pathParams.map((p) => [p, PARAMS[p] ?? "x"]));
    const res = await handler(
      new Request(url, { method: route.method, headers: { ...(route.body ? { "content-type": "application/json" } : {}), ...headers }, ...(route.body ? { body: "{}" } : {}) }),
      { params: Promise.resolve(params) },
    );
    const text = await res.text();
    return { status: res.status, code: text.startsWith("{") ? (JSON.parse(text) as { code?: string }).code : undefined };
  }

  async function signIn() {
    const auth = await t.m.auth.getAuth();
    const res = await auth.handler(
      new Request(`${OWN}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: OWN }, body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }) }),
    );
    expect(res.status).toBe(200);
    cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    expect(cookie).toContain("session_token=");
  }

  it("signs in through better-auth", async () => {
    await t.m.createFirstAdmin(ADMIN);
    await t.m.ensureInitAdminToken(ADMIN_SECRET);
    await signIn();
  });

  it("walks the mutating routes (the body-less ones too)", () => {
    expect(mutating.length).toBeGreaterThan(20);
    expect(mutating.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(["POST /api/v1/change-requests/{id}/withdraw", "POST /api/v1/projects/{project}/environments/{environment}/checks/run"]));
  });

  for (const route of mutating) {
    it(`${route.method} ${route.path}: refused from another origin, accepted from its own`, async () => {
      const foreignHeaders: Record<string, string>[] = [
        { origin: "http://localhost:4000" },
        { origin: "http://evil.localhost:3000" },
        { origin: "null" },
        { "sec-fetch-site": "same-site" },
        {},
      ];
      for (const foreign of foreignHeaders) {
        const res = await call(route, { cookie, ...foreign });
        expect({ headers: foreign, ...res }).toEqual({ headers: foreign, status: 403, code: "cross_site_request" });
      }
      const ownHeaders: Record<string, string>[] = [{ origin: OWN }, { "sec-fetch-site": "same-origin" }];
      for (const own of ownHeaders) {
        const res = await call(route, { cookie, ...own });
        expect(res.code, JSON.stringify(own)).not.toBe("cross_site_request");
        expect(res.status, JSON.stringify(own)).not.toBe(403);
        // "Sign out everywhere" did what it says: sign in again for the next routes.
        if (SIGNS_OUT.has(`${route.method} ${route.path}`)) await signIn();
      }
      // A bearer token is never sent by a browser on its own: no Origin needed.
      // (Routes about the signed-in person answer a token 403 session_required.)
      const bearer = await call(route, { authorization: `Bearer ${ADMIN_SECRET}`, origin: "http://localhost:4000" });
      expect(bearer.code).not.toBe("cross_site_request");
      if (bearer.code !== "session_required") expect(bearer.status).not.toBe(403);
    });
  }
});
