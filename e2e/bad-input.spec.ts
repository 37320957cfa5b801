import { expect, test } from "@playwright/test";
import { adminAuth, expectProblem, uniqueEmail } from "./support/api";

/**
 * Bad input to every route that takes input gets a 4xx problem document
 * naming the field, never a 500 and never a half-written change.
 */
interface Case {
  name: string;
  method: "POST" | "PATCH" | "GET" | "DELETE";
  path: string;
  /** JSON body, or a raw string sent as-is. */
  body?: unknown;
  raw?: string;
  contentType?: string;
  status: number;
  field?: string;
}

const big = "x".repeat(1024 * 1024 + 10);

const cases: Case[] = [
  // POST /api/v1/users
  { name: "users: wrong type for email", method: "POST", path: "/api/v1/users", body: { name: "A", email: 42, password: "password1", role: "viewer" }, status: 422, field: "body.email" },
  { name: "users: invalid email", method: "POST", path: "/api/v1/users", body: { name: "A", email: "nope", password: "password1", role: "viewer" }, status: 422, field: "body.email" },
  { name: "users: short password", method: "POST", path: "/api/v1/users", body: { name: "A", email: uniqueEmail("x"), password: "short", role: "viewer" }, status: 422, field: "body.password" },
  { name: "users: unknown role", method: "POST", path: "/api/v1/users", body: { name: "A", email: uniqueEmail("x"), password: "password1", role: "owner" }, status: 422, field: "body.role" },
  { name: "users: unknown field", method: "POST", path: "/api/v1/users", body: { name: "A", email: uniqueEmail("x"), password: "password1", role: "viewer", isAdmin: true }, status: 422, field: "body.isAdmin" },
  { name: "users: missing name", method: "POST", path: "/api/v1/users", body: { email: uniqueEmail("x"), password: "password1", role: "viewer" }, status: 422, field: "body.name" },
  { name: "users: array body", method: "POST", path: "/api/v1/users", body: [1, 2], status: 422, field: "body" },
  { name: "users: malformed JSON", method: "POST", path: "/api/v1/users", raw: "{\"name\": ", status: 400, field: "body" },
  { name: "users: empty body", method: "POST", path: "/api/v1/users", raw: "", status: 400, field: "body" },
  { name: "users: not JSON", method: "POST", path: "/api/v1/users", raw: "name=a", contentType: "application/x-www-form-urlencoded", status: 415, field: "body" },
  { name: "users: oversized body", method: "POST", path: "/api/v1/users", raw: JSON.stringify({ name: big }), status: 413, field: "body" },
  // PATCH /api/v1/users/{id}
  { name: "user update: empty object", method: "PATCH", path: "/api/v1/users/whoever", body: {}, status: 422, field: "body" },
  { name: "user update: wrong type", method: "PATCH", path: "/api/v1/users/whoever", body: { disabled: "yes" }, status: 422, field: "body.disabled" },
  { name: "user update: unknown user", method: "PATCH", path: "/api/v1/users/does-not-exist", body: { role: "viewer" }, status: 404 },
  // POST /api/v1/tokens
  { name: "tokens: missing name", method: "POST", path: "/api/v1/tokens", body: { scope: "admin" }, status: 422, field: "body.name" },
  { name: "tokens: unknown scope", method: "POST", path: "/api/v1/tokens", body: { name: "t", scope: "root" }, status: 422, field: "body.scope" },
  { name: "tokens: config token without environment", method: "POST", path: "/api/v1/tokens", body: { name: "t", scope: "config_read", project: "storefront-api" }, status: 422, field: "body.environment" },
  { name: "tokens: config token for unknown project", method: "POST", path: "/api/v1/tokens", body: { name: "t", scope: "config_read", project: "nope", environment: "prod" }, status: 422, field: "body.project" },
  { name: "tokens: config token for unknown environment", method: "POST", path: "/api/v1/tokens", body: { name: "t", scope: "config_read", project: "storefront-api", environment: "qa" }, status: 422, field: "body.environment" },
  { name: "tokens: admin token with a project", method: "POST", path: "/api/v1/tokens", body: { name: "t", scope: "admin", project: "storefront-api" }, status: 422, field: "body.project" },
  { name: "tokens: name too long", method: "POST", path: "/api/v1/tokens", body: { name: "n".repeat(101), scope: "admin" }, status: 422, field: "body.name" },
  // DELETE /api/v1/tokens/{id}
  { name: "token revoke: unknown id", method: "DELETE", path: "/api/v1/tokens/does-not-exist", status: 404 },
  // GET with bad query
  { name: "audit: limit not a number", method: "GET", path: "/api/v1/audit?limit=lots", status: 422, field: "query.limit" },
  { name: "audit: bad date", method: "GET", path: "/api/v1/audit?from=yesterday", status: 422, field: "query.from" },
  { name: "audit: unknown filter", method: "GET", path: "/api/v1/audit?colour=red", status: 422, field: "query.colour" },
  { name: "projects: bad archived flag", method: "GET", path: "/api/v1/projects?archived=maybe", status: 422, field: "query.archived" },
  { name: "project: invalid slug", method: "GET", path: "/api/v1/projects/Not%20A%20Slug", status: 422, field: "params.project" },
  { name: "project: unknown", method: "GET", path: "/api/v1/projects/no-such-project", status: 404 },
  // POST /api/setup after setup
  { name: "setup: already done", method: "POST", path: "/api/setup", body: { name: "B", email: uniqueEmail("s"), password: "password1" }, status: 409 },
  { name: "setup: unknown field", method: "POST", path: "/api/setup", body: { name: "B", email: uniqueEmail("s"), password: "password1", role: "admin" }, status: 422, field: "body.role" },
];

for (const c of cases) {
  test(`bad input — ${c.name} → ${c.status}`, async ({ request }) => {
    const headers: Record<string, string> = { ...adminAuth };
    let data: string | undefined;
    let isRaw = false;
    if (c.raw !== undefined) {
      data = c.raw;
      isRaw = true;
      headers["content-type"] = c.contentType ?? "application/json";
    } else if (c.body !== undefined) {
      data = JSON.stringify(c.body);
      headers["content-type"] = "application/json";
    }
    const res = await request.fetch(c.path, { method: c.method, headers, ...(data !== undefined ? { data: isRaw ? Buffer.from(data) : data } : {}) });
    const problem = await expectProblem(res, c.status);
    if (c.field) {
      const fields = (problem.errors ?? []).map((e) => e.field);
      expect(fields, JSON.stringify(problem)).toContain(c.field);
      for (const e of problem.errors ?? []) expect(e.message.length).toBeGreaterThan(5);
    }
  });
}

test("a refused create writes nothing: the user list and the audit log are unchanged", async ({ request }) => {
  const before = (await (await request.get("/api/v1/users", { headers: adminAuth })).json()) as { users: unknown[] };
  const auditBefore = (await (await request.get("/api/v1/audit?limit=1", { headers: adminAuth })).json()) as { events: { id: string }[] };
  const res = await request.post("/api/v1/users", { headers: adminAuth, data: { name: "X", email: "bad", password: "password1", role: "viewer" } });
  expect(res.status()).toBe(422);
  const after = (await (await request.get("/api/v1/users", { headers: adminAuth })).json()) as { users: unknown[] };
  const auditAfter = (await (await request.get("/api/v1/audit?limit=1", { headers: adminAuth })).json()) as { events: { id: string }[] };
  expect(after.users.length).toBe(before.users.length);
  expect(auditAfter.events[0]?.id).toBe(auditBefore.events[0]?.id);
});

test("a path with a broken %-escape is a 400 saying so, on pages and the API, never a 500", async ({ request }) => {
  for (const path of ["/projects/%E0%A4%A", "/migrations/%E0%A4%A", "/tester/results/%ZZ", "/projects/storefront-api/%C3"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(400);
    expect(await res.text(), path).toContain("broken %-escape");
  }
  const api = await request.get("/api/v1/projects/%E0%A4%A", { headers: adminAuth });
  expect(api.status()).toBe(400);
  expect(api.headers()["content-type"]).toContain("application/problem+json");
  expect(await api.json()).toMatchObject({ status: 400, code: "malformed_path" });
  // Well-formed escapes still reach the app: an unknown project is its usual 404.
  const known = await request.get("/api/v1/projects/no%2Dsuch%2Dproject", { headers: adminAuth });
  expect(known.status()).toBe(404);
});
