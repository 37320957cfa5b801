import { expect, test, type APIRequestContext } from "@playwright/test";
import { adminAuth, expectProblem } from "./support/api";

/**
 * Bad input to every editing route (projects, environments, drafts,
 * publishing, approvals, history, compare/promote, import/export, search,
 * audit export) gets a 4xx problem document naming the field — never a 500,
 * never a half-written change. Same pattern as bad-input.spec.ts; the
 * project these cases edit is created once, first.
 */
const P = `bad-input-${Date.now().toString(36)}`;
const ENV = `/api/v1/projects/${P}/environments`;

interface Case {
  name: string;
  method: "POST" | "PATCH" | "PUT" | "GET";
  path: string;
  /** JSON body, or a raw string sent as-is. */
  body?: unknown;
  raw?: string;
  contentType?: string;
  status: number;
  field?: string;
  code?: string;
}

const origin = (value: string, extra: Record<string, unknown> = {}) => ({ value, note: null, expiresAt: null, ...extra });
const draft = (revision: number, origins: unknown[], extra: Record<string, unknown> = {}) => ({
  revision,
  origins,
  allowCredentials: false,
  allowedMethods: [],
  allowedHeaders: [],
  reflectRequestHeaders: false,
  exposedHeaders: [],
  maxAgeSeconds: null,
  noOrigin: "allow",
  allowPrivateNetwork: false,
  ...extra,
});
const importDoc = (origins: unknown[]) => ({
  format: "corsboard.project/v1",
  project: { slug: `${P}-import`, name: "Imported", description: null },
  environments: [{ slug: "dev", name: "dev", protected: false, baseUrls: [], policy: { ...draft(0, origins), revision: undefined } }],
});

const cases: Case[] = [
  // POST /api/v1/projects
  { name: "project: missing name", method: "POST", path: "/api/v1/projects", body: { slug: `${P}-x` }, status: 422, field: "body.name" },
  { name: "project: invalid slug", method: "POST", path: "/api/v1/projects", body: { slug: "Not A Slug", name: "x" }, status: 422, field: "body.slug" },
  { name: "project: reserved slug", method: "POST", path: "/api/v1/projects", body: { slug: "import", name: "x" }, status: 422, field: "body.slug", code: "validation_failed" },
  { name: "project: unknown field", method: "POST", path: "/api/v1/projects", body: { slug: `${P}-x`, name: "x", colour: "red" }, status: 422, field: "body.colour" },
  { name: "project: duplicate environment slugs", method: "POST", path: "/api/v1/projects", body: { slug: `${P}-x`, name: "x", environments: [{ slug: "a", name: "a" }, { slug: "a", name: "b" }] }, status: 422, field: "body.environments.1.slug" },
  { name: "project: bad base URL", method: "POST", path: "/api/v1/projects", body: { slug: `${P}-x`, name: "x", environments: [{ slug: "a", name: "a", baseUrls: ["ftp://x"] }] }, status: 422, field: "body.environments.0.baseUrls.0" },
  { name: "project: taken slug", method: "POST", path: "/api/v1/projects", body: { slug: P, name: "again" }, status: 409, code: "slug_taken" },
  { name: "project: malformed JSON", method: "POST", path: "/api/v1/projects", raw: '{"slug": ', status: 400, field: "body" },
  { name: "project: not JSON", method: "POST", path: "/api/v1/projects", raw: "slug=a", contentType: "application/x-www-form-urlencoded", status: 415, field: "body" },
  // PATCH /api/v1/projects/{project}
  { name: "project update: empty object", method: "PATCH", path: `/api/v1/projects/${P}`, body: {}, status: 422, field: "body" },
  { name: "project update: name too long", method: "PATCH", path: `/api/v1/projects/${P}`, body: { name: "n".repeat(101) }, status: 422, field: "body.name" },
  { name: "project update: archived not a boolean", method: "PATCH", path: `/api/v1/projects/${P}`, body: { archived: "yes" }, status: 422, field: "body.archived" },
  { name: "project update: unknown project", method: "PATCH", path: "/api/v1/projects/no-such-project", body: { name: "x" }, status: 404 },
  // POST /api/v1/projects/{project}/environments
  { name: "environment: invalid slug", method: "POST", path: ENV, body: { slug: "QA!", name: "QA" }, status: 422, field: "body.slug" },
  { name: "environment: missing name", method: "POST", path: ENV, body: { slug: "qa" }, status: 422, field: "body.name" },
  { name: "environment: protected not a boolean", method: "POST", path: ENV, body: { slug: "qa", name: "QA", protected: "yes" }, status: 422, field: "body.protected" },
  { name: "environment: taken slug", method: "POST", path: ENV, body: { slug: "dev", name: "dev" }, status: 409, code: "slug_taken" },
  { name: "environment: unknown project", method: "POST", path: "/api/v1/projects/no-such-project/environments", body: { slug: "qa", name: "QA" }, status: 404 },
  // PATCH /api/v1/projects/{project}/environments/{environment}
  { name: "environment update: empty object", method: "PATCH", path: `${ENV}/dev`, body: {}, status: 422, field: "body" },
  { name: "environment update: bad base URL", method: "PATCH", path: `${ENV}/dev`, body: { baseUrls: ["not a url"] }, status: 422, field: "body.baseUrls.0" },
  { name: "environment update: unknown environment", method: "PATCH", path: `${ENV}/qa-nope`, body: { name: "x" }, status: 404 },
  // PUT /api/v1/projects/{project}/environment-order
  { name: "order: empty list", method: "PUT", path: `/api/v1/projects/${P}/environment-order`, body: { order: [] }, status: 422, field: "body.order" },
  { name: "order: unknown environment", method: "PUT", path: `/api/v1/projects/${P}/environment-order`, body: { order: ["dev", "staging", "prod", "nope"] }, status: 422, field: "body.order.3" },
  { name: "order: missing environments", method: "PUT", path: `/api/v1/projects/${P}/environment-order`, body: { order: ["dev"] }, status: 422, field: "body.order" },
  // PUT …/draft
  { name: "draft: trailing slash (fix offered)", method: "PUT", path: `${ENV}/dev/draft`, body: draft(0, [origin("https://ok.example.com"), origin("https://example.com/")]), status: 422, field: "body.origins.1.value" },
  { name: "draft: wildcard over a public suffix", method: "PUT", path: `${ENV}/dev/draft`, body: draft(0, [origin("https://*.com")]), status: 422, field: "body.origins.0.value" },
  { name: "draft: * with credentials", method: "PUT", path: `${ENV}/dev/draft`, body: draft(0, [origin("*")], { allowCredentials: true }), status: 422, field: "body.origins.0.value" },
  { name: "draft: invalid method", method: "PUT", path: `${ENV}/dev/draft`, body: draft(0, [], { allowedMethods: ["BAD METHOD"] }), status: 422, field: "body.allowedMethods.0" },
  { name: "draft: negative max-age", method: "PUT", path: `${ENV}/dev/draft`, body: draft(0, [], { maxAgeSeconds: -1 }), status: 422, field: "body.maxAgeSeconds" },
  { name: "draft: unknown noOrigin", method: "PUT", path: `${ENV}/dev/draft`, body: draft(0, [], { noOrigin: "maybe" }), status: 422, field: "body.noOrigin" },
  { name: "draft: bad expiry", method: "PUT", path: `${ENV}/dev/draft`, body: draft(0, [origin("https://a.example.com", { expiresAt: "tomorrow" })]), status: 422, field: "body.origins.0.expiresAt" },
  { name: "draft: missing revision", method: "PUT", path: `${ENV}/dev/draft`, body: { ...draft(0, []), revision: undefined }, status: 422, field: "body.revision" },
  { name: "draft: origin not a string", method: "PUT", path: `${ENV}/dev/draft`, body: draft(0, [{ value: 42 }]), status: 422, field: "body.origins.0.value" },
  { name: "draft: stale revision", method: "PUT", path: `${ENV}/dev/draft`, body: draft(999, [origin("https://a.example.com")]), status: 409, code: "stale_revision" },
  { name: "draft: unknown environment", method: "PUT", path: `${ENV}/qa-nope/draft`, body: draft(0, []), status: 404 },
  // POST …/draft/origins
  { name: "add origins: empty list", method: "POST", path: `${ENV}/dev/draft/origins`, body: { origins: [] }, status: 422, field: "body.origins" },
  { name: "add origins: not a list", method: "POST", path: `${ENV}/dev/draft/origins`, body: { origins: "https://a.example.com" }, status: 422, field: "body.origins" },
  { name: "add origins: invalid origin", method: "POST", path: `${ENV}/dev/draft/origins`, body: { origins: [origin("https://ok.example.com"), origin("ftp://files.example.com")] }, status: 422, field: "body.origins.1.value" },
  // POST …/publish
  { name: "publish: missing message", method: "POST", path: `${ENV}/dev/publish`, body: { revision: 0 }, status: 422, field: "body.message" },
  { name: "publish: blank message", method: "POST", path: `${ENV}/dev/publish`, body: { message: "   ", revision: 0 }, status: 422, field: "body.message" },
  { name: "publish: negative revision", method: "POST", path: `${ENV}/dev/publish`, body: { message: "x", revision: -1 }, status: 422, field: "body.revision" },
  { name: "publish: stale revision", method: "POST", path: `${ENV}/dev/publish`, body: { message: "x", revision: 999 }, status: 409, code: "stale_revision" },
  // GET …/versions/{number}, POST …/rollback
  { name: "version: not a number", method: "GET", path: `${ENV}/dev/versions/latest`, status: 422, field: "params.number" },
  { name: "version: zero", method: "GET", path: `${ENV}/dev/versions/0`, status: 422, field: "params.number" },
  { name: "version: unknown", method: "GET", path: `${ENV}/dev/versions/999`, status: 404 },
  { name: "rollback: unknown version", method: "POST", path: `${ENV}/dev/versions/999/rollback`, body: {}, status: 404 },
  { name: "rollback: blank message", method: "POST", path: `${ENV}/dev/versions/1/rollback`, body: { message: "" }, status: 422, field: "body.message" },
  // POST …/promote, GET …/compare
  { name: "promote: missing from", method: "POST", path: `${ENV}/prod/promote`, body: { origins: ["https://a.example.com"] }, status: 422, field: "body.from" },
  { name: "promote: from itself", method: "POST", path: `${ENV}/prod/promote`, body: { from: "prod", origins: ["https://a.example.com"] }, status: 422, field: "body.from" },
  { name: "promote: origin not in the source", method: "POST", path: `${ENV}/prod/promote`, body: { from: "dev", origins: ["https://not-there.example.com"] }, status: 422, field: "body.origins.0" },
  { name: "promote: unknown source environment", method: "POST", path: `${ENV}/prod/promote`, body: { from: "qa-nope", origins: ["https://a.example.com"] }, status: 404 },
  { name: "compare: missing to", method: "GET", path: `/api/v1/projects/${P}/compare?from=dev`, status: 422, field: "query.to" },
  { name: "compare: bad source", method: "GET", path: `/api/v1/projects/${P}/compare?from=dev&to=prod&source=both`, status: 422, field: "query.source" },
  { name: "compare: unknown environment", method: "GET", path: `/api/v1/projects/${P}/compare?from=dev&to=qa-nope`, status: 404 },
  // POST /api/v1/projects/import, GET …/export
  { name: "import: missing document", method: "POST", path: "/api/v1/projects/import", body: { mode: "create" }, status: 422, field: "body.document" },
  { name: "import: unknown mode", method: "POST", path: "/api/v1/projects/import", body: { document: importDoc([]), mode: "merge" }, status: 422, field: "body.mode" },
  { name: "import: wrong format", method: "POST", path: "/api/v1/projects/import", body: { document: { ...importDoc([]), format: "other/v9" } }, status: 422, field: "body.document.format" },
  { name: "import: invalid origin in a policy", method: "POST", path: "/api/v1/projects/import", body: { document: importDoc([origin("https://ok.example.com"), origin("HTTPS://Upper.example.com")]) }, status: 422, field: "body.document.environments.0.policy.origins.1.value" },
  { name: "import: replace into an unknown project", method: "POST", path: "/api/v1/projects/import", body: { document: importDoc([]), mode: "replace-drafts", slug: "no-such-project" }, status: 404 },
  { name: "export: unknown project", method: "GET", path: "/api/v1/projects/no-such-project/export", status: 404 },
  // Change requests
  { name: "change requests: unknown status", method: "GET", path: "/api/v1/change-requests?status=maybe", status: 422, field: "query.status" },
  { name: "change request: unknown id", method: "GET", path: "/api/v1/change-requests/no-such-id", status: 404 },
  { name: "approve: unknown id", method: "POST", path: "/api/v1/change-requests/no-such-id/approve", body: {}, status: 404 },
  { name: "approve: unknown field", method: "POST", path: "/api/v1/change-requests/no-such-id/approve", body: { approve: true }, status: 422, field: "body.approve" },
  { name: "reject: missing comment", method: "POST", path: "/api/v1/change-requests/no-such-id/reject", body: {}, status: 422, field: "body.comment" },
  { name: "withdraw: unknown id", method: "POST", path: "/api/v1/change-requests/no-such-id/withdraw", status: 404 },
  // Search, audit
  { name: "search: missing origin", method: "GET", path: "/api/v1/search", status: 422, field: "query.origin" },
  { name: "search: blank origin", method: "GET", path: "/api/v1/search?origin=%20", status: 422, field: "query.origin" },
  { name: "audit export: unknown format", method: "GET", path: "/api/v1/audit/export?format=xml", status: 422, field: "query.format" },
  { name: "audit export: limit zero", method: "GET", path: "/api/v1/audit/export?limit=0", status: 422, field: "query.limit" },
];

let fixture: Promise<void> | undefined;
/** The project the cases edit: dev, staging, prod, nothing published. Created once. */
function ensureFixture(request: APIRequestContext): Promise<void> {
  fixture ??= (async () => {
    const res = await request.post("/api/v1/projects", { headers: adminAuth, data: { slug: P, name: "Bad input fixture" } });
    expect(res.status(), await res.text()).toBe(201);
  })();
  return fixture;
}

test.beforeEach(async ({ request }) => {
  await ensureFixture(request);
});

for (const c of cases) {
  test(`bad input (editing) — ${c.name} → ${c.status}`, async ({ request }) => {
    const headers: Record<string, string> = { ...adminAuth };
    let data: string | Buffer | undefined;
    if (c.raw !== undefined) {
      data = Buffer.from(c.raw);
      headers["content-type"] = c.contentType ?? "application/json";
    } else if (c.body !== undefined) {
      data = JSON.stringify(c.body);
      headers["content-type"] = "application/json";
    }
    const res = await request.fetch(c.path, { method: c.method, headers, ...(data !== undefined ? { data } : {}) });
    const problem = await expectProblem(res, c.status);
    if (c.code) expect(problem.code).toBe(c.code);
    if (c.field) {
      const fields = (problem.errors ?? []).map((e) => e.field);
      expect(fields, JSON.stringify(problem)).toContain(c.field);
      for (const e of problem.errors ?? []) expect(e.message.length).toBeGreaterThan(5);
    }
  });
}

test("lib/cors problems come with their position and one-click fix", async ({ request }) => {
  const res = await request.put(`${ENV}/staging/draft`, {
    headers: adminAuth,
    data: draft(0, [origin("https://ok.example.com"), origin("HTTPS://Example.com/"), origin("example.org")]),
  });
  const problem = (await expectProblem(res, 422)) as { errors?: { field: string; code: string; fix?: string }[] };
  expect(problem.errors?.map((e) => [e.field, e.code, e.fix])).toEqual([
    ["body.origins.1.value", "trailing-slash", "https://example.com"],
    ["body.origins.2.value", "missing-scheme", "https://example.org"],
  ]);
});

test("a refused draft save writes nothing: the draft's revision and the audit log are unchanged", async ({ request }) => {
  const draftUrl = `${ENV}/dev/draft`;
  const before = (await (await request.get(draftUrl, { headers: adminAuth })).json()) as { revision: number; content: { origins: unknown[] } };
  const auditBefore = (await (await request.get("/api/v1/audit?limit=1", { headers: adminAuth })).json()) as { events: { id: string }[] };
  const res = await request.put(draftUrl, { headers: adminAuth, data: draft(before.revision, [origin("https://fine.example.com"), origin("https://*.com")]) });
  expect(res.status()).toBe(422);
  const after = (await (await request.get(draftUrl, { headers: adminAuth })).json()) as { revision: number; content: { origins: unknown[] } };
  const auditAfter = (await (await request.get("/api/v1/audit?limit=1", { headers: adminAuth })).json()) as { events: { id: string }[] };
  expect(after.revision).toBe(before.revision);
  expect(after.content.origins).toEqual(before.content.origins);
  expect(auditAfter.events[0]?.id).toBe(auditBefore.events[0]?.id);
});
