import { beforeAll, describe, expect, it } from "vitest";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";
import { draftRequest } from "@/lib/server/test-support/policy-request";

/**
 * The editing API through its route handlers, with real authentication: a
 * session cookie per role (signed in through better-auth) and an admin API
 * token. Checks each route's role, statuses, problem documents and headers;
 * the operations' own behaviour is covered next to them in lib/server.
 */
const load = async () => ({
  auth: await import("@/lib/server/auth/auth"),
  createUser: (await import("@/lib/server/users/create-user")).createUser,
  createToken: (await import("@/lib/server/tokens/create-token")).createToken,
  projects: await import("@/app/api/v1/projects/route"),
  project: await import("@/app/api/v1/projects/[project]/route"),
  environments: await import("@/app/api/v1/projects/[project]/environments/route"),
  environment: await import("@/app/api/v1/projects/[project]/environments/[environment]/route"),
  order: await import("@/app/api/v1/projects/[project]/environment-order/route"),
  draft: await import("@/app/api/v1/projects/[project]/environments/[environment]/draft/route"),
  origins: await import("@/app/api/v1/projects/[project]/environments/[environment]/draft/origins/route"),
  publish: await import("@/app/api/v1/projects/[project]/environments/[environment]/publish/route"),
  versions: await import("@/app/api/v1/projects/[project]/environments/[environment]/versions/route"),
  version: await import("@/app/api/v1/projects/[project]/environments/[environment]/versions/[number]/route"),
  rollback: await import("@/app/api/v1/projects/[project]/environments/[environment]/versions/[number]/rollback/route"),
  promote: await import("@/app/api/v1/projects/[project]/environments/[environment]/promote/route"),
  compare: await import("@/app/api/v1/projects/[project]/compare/route"),
  exportRoute: await import("@/app/api/v1/projects/[project]/export/route"),
  importRoute: await import("@/app/api/v1/projects/import/route"),
  changeRequests: await import("@/app/api/v1/change-requests/route"),
  changeRequest: await import("@/app/api/v1/change-requests/[id]/route"),
  approve: await import("@/app/api/v1/change-requests/[id]/approve/route"),
  reject: await import("@/app/api/v1/change-requests/[id]/reject/route"),
  withdraw: await import("@/app/api/v1/change-requests/[id]/withdraw/route"),
  search: await import("@/app/api/v1/search/route"),
  audit: await import("@/app/api/v1/audit/route"),
  auditExport: await import("@/app/api/v1/audit/export/route"),
});

type Handler = (req: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Who = "anonymous" | "viewer" | "editor" | "editor2" | "admin" | "token";
const BASE = "http://localhost:3000";

describe.each(TEST_BACKENDS)("editing routes on %s", (backend) => {
  const t = useTestBackend(backend, load);
  const credentials: Partial<Record<Who, Record<string, string>>> = { anonymous: {} };

  /** Calls a route handler the way Next.js does: a Request, and the dynamic segments as params. */
  async function call(handler: Handler, who: Who, method: string, path: string, options: { params?: Record<string, string>; body?: unknown } = {}) {
    const headers: Record<string, string> = { ...credentials[who] };
    let body: string | undefined;
    if (options.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.body);
    }
    const res = await handler(new Request(`${BASE}${path}`, { method, headers, body }), { params: Promise.resolve(options.params ?? {}) });
    const text = await res.text();
    const type = res.headers.get("content-type") ?? "";
    return { status: res.status, headers: res.headers, text, json: type.includes("json") && text ? JSON.parse(text) : undefined };
  }

  beforeAll(async () => {
    const system = { kind: "token" as const, id: "setup", name: "setup", scope: "admin" as const, projectId: null, environmentId: null, role: "admin" as const };
    const auth = await t.m.auth.getAuth();
    for (const [who, role] of [["viewer", "viewer"], ["editor", "editor"], ["editor2", "editor"], ["admin", "admin"]] as const) {
      const email = `${who}@corsboard.test`;
      await t.m.createUser(system, { name: who, email, password: "password123", role });
      const res = await auth.handler(
        new Request(`${BASE}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: BASE }, body: JSON.stringify({ email, password: "password123" }) }),
      );
      const cookie = res.headers.get("set-cookie")?.split(";")[0];
      if (res.status !== 200 || !cookie) throw new Error(`sign-in of ${who} failed: ${res.status}`);
      // A browser sends its Origin with every write; cookie writes without it are refused (CSRF).
      credentials[who] = { cookie, origin: BASE };
    }
    const { secret } = await t.m.createToken(system, { name: "ci", scope: "admin" });
    credentials.token = { authorization: `Bearer ${secret}` };
  });

  const P = { project: "shop" };
  const E = (environment: string) => ({ project: "shop", environment });
  const ep = (environment: string) => `/api/v1/projects/shop/environments/${environment}`;

  it("creates a project with the admin API token (201) and lists it for a viewer", async () => {
    const created = await call(t.m.projects.POST, "token", "POST", "/api/v1/projects", { body: { slug: "shop", name: "Shop" } });
    expect(created.status).toBe(201);
    expect(created.json.project.environments.map((e: { slug: string }) => e.slug)).toEqual(["dev", "staging", "prod"]);
    const list = await call(t.m.projects.GET, "viewer", "GET", "/api/v1/projects");
    expect(list.json.projects.map((p: { slug: string }) => p.slug)).toEqual(["shop"]);
  });

  it("every editing route refuses anonymous callers (401) and viewers where editing is needed (403)", async () => {
    const v = { project: "shop", environment: "dev", number: "1", id: "x" };
    const routes: [string, Handler, string, string, "viewer" | "editor"][] = [
      ["POST projects", t.m.projects.POST, "POST", "/api/v1/projects", "editor"],
      ["PATCH project", t.m.project.PATCH, "PATCH", "/api/v1/projects/shop", "editor"],
      ["POST environments", t.m.environments.POST, "POST", "/api/v1/projects/shop/environments", "editor"],
      ["PATCH environment", t.m.environment.PATCH, "PATCH", ep("dev"), "editor"],
      ["PUT environment-order", t.m.order.PUT, "PUT", "/api/v1/projects/shop/environment-order", "editor"],
      ["GET draft", t.m.draft.GET, "GET", `${ep("dev")}/draft`, "viewer"],
      ["PUT draft", t.m.draft.PUT, "PUT", `${ep("dev")}/draft`, "editor"],
      ["POST draft/origins", t.m.origins.POST, "POST", `${ep("dev")}/draft/origins`, "editor"],
      ["POST publish", t.m.publish.POST, "POST", `${ep("dev")}/publish`, "editor"],
      ["GET versions", t.m.versions.GET, "GET", `${ep("dev")}/versions`, "viewer"],
      ["GET version", t.m.version.GET, "GET", `${ep("dev")}/versions/1`, "viewer"],
      ["POST rollback", t.m.rollback.POST, "POST", `${ep("dev")}/versions/1/rollback`, "editor"],
      ["POST promote", t.m.promote.POST, "POST", `${ep("dev")}/promote`, "editor"],
      ["GET compare", t.m.compare.GET, "GET", "/api/v1/projects/shop/compare?from=dev&to=prod", "viewer"],
      ["GET export", t.m.exportRoute.GET, "GET", "/api/v1/projects/shop/export", "viewer"],
      ["POST import", t.m.importRoute.POST, "POST", "/api/v1/projects/import", "editor"],
      ["GET change-requests", t.m.changeRequests.GET, "GET", "/api/v1/change-requests", "viewer"],
      ["GET change-request", t.m.changeRequest.GET, "GET", "/api/v1/change-requests/x", "viewer"],
      ["POST approve", t.m.approve.POST, "POST", "/api/v1/change-requests/x/approve", "editor"],
      ["POST reject", t.m.reject.POST, "POST", "/api/v1/change-requests/x/reject", "editor"],
      ["POST withdraw", t.m.withdraw.POST, "POST", "/api/v1/change-requests/x/withdraw", "editor"],
      ["GET search", t.m.search.GET, "GET", "/api/v1/search?origin=https://a.example.com", "viewer"],
      ["GET audit export", t.m.auditExport.GET, "GET", "/api/v1/audit/export?format=csv", "viewer"],
    ];
    for (const [name, handler, method, path, role] of routes) {
      const body = method === "GET" ? undefined : {};
      const anonymous = await call(handler, "anonymous", method, path, { params: v, body });
      expect([name, anonymous.status, anonymous.json?.code, anonymous.headers.get("content-type")]).toEqual([name, 401, "unauthorized", "application/problem+json"]);
      const viewer = await call(handler, "viewer", method, path, { params: v, body });
      if (role === "editor") expect([name, viewer.status, viewer.json?.code]).toEqual([name, 403, "forbidden"]);
      else expect([name, viewer.status]).not.toEqual([name, 403]);
      // An editor always gets past the role check (any answer but 401/403 from it).
      const editor = await call(handler, "editor", method, path, { params: v, body });
      expect([name, editor.status === 401 || (editor.status === 403 && editor.json?.code === "forbidden")]).toEqual([name, false]);
    }
  });

  it("drafts over HTTP: 422 with the core's problems and fixes, 200 save, 409 stale with current, merged adds", async () => {
    const bad = await call(t.m.draft.PUT, "editor", "PUT", `${ep("dev")}/draft`, { params: E("dev"), body: draftRequest(0, ["https://ok.example.com", "HTTPS://Example.com/"]) });
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
    expect(bad.json.errors).toEqual([expect.objectContaining({ field: "body.origins.1.value", code: "trailing-slash", fix: "https://example.com" })]);
    const unknownField = await call(t.m.draft.PUT, "editor", "PUT", `${ep("dev")}/draft`, { params: E("dev"), body: { ...draftRequest(0, []), colour: "red" } });
    expect([unknownField.status, unknownField.json.errors[0].field]).toEqual([422, "body.colour"]);

    const saved = await call(t.m.draft.PUT, "editor", "PUT", `${ep("dev")}/draft`, { params: E("dev"), body: draftRequest(0, ["https://ok.example.com"]) });
    expect([saved.status, saved.json.revision]).toEqual([200, 1]);
    const stale = await call(t.m.draft.PUT, "editor2", "PUT", `${ep("dev")}/draft`, { params: E("dev"), body: draftRequest(0, ["https://other.example.com"]) });
    expect([stale.status, stale.json.code, stale.json.current.revision]).toEqual([409, "stale_revision", 1]);
    const added = await call(t.m.origins.POST, "editor2", "POST", `${ep("dev")}/draft/origins`, { params: E("dev"), body: { origins: [{ value: "https://two.example.com" }] } });
    expect([added.status, added.json.content.origins.length]).toEqual([200, 2]);
    const read = await call(t.m.draft.GET, "viewer", "GET", `${ep("dev")}/draft`, { params: E("dev") });
    expect(read.json).toMatchObject({ revision: 2, updatedBy: "editor2@corsboard.test" });
  });

  it("publishing: 201 for unprotected, 202 change request for protected; the author gets 403, another editor approves", async () => {
    const published = await call(t.m.publish.POST, "editor", "POST", `${ep("dev")}/publish`, { params: E("dev"), body: { message: "first", revision: 2 } });
    expect([published.status, published.json.kind, published.json.version.number]).toEqual([201, "published", 1]);
    const nothing = await call(t.m.publish.POST, "editor", "POST", `${ep("dev")}/publish`, { params: E("dev"), body: { message: "again", revision: 2 } });
    expect([nothing.status, nothing.json.code]).toEqual([409, "nothing_to_publish"]);

    await call(t.m.draft.PUT, "editor", "PUT", `${ep("prod")}/draft`, { params: E("prod"), body: draftRequest(0, ["https://www.example.com"]) });
    const requested = await call(t.m.publish.POST, "editor", "POST", `${ep("prod")}/publish`, { params: E("prod"), body: { message: "go live", revision: 1 } });
    expect([requested.status, requested.json.kind]).toEqual([202, "change-request"]);
    const id = requested.json.changeRequest.id as string;
    const own = await call(t.m.approve.POST, "editor", "POST", `/api/v1/change-requests/${id}/approve`, { params: { id }, body: {} });
    expect([own.status, own.json.code]).toEqual([403, "own_change_request"]);
    const listed = await call(t.m.changeRequests.GET, "viewer", "GET", "/api/v1/change-requests?status=open&project=shop");
    expect(listed.json.changeRequests.map((c: { id: string }) => c.id)).toEqual([id]);
    const approved = await call(t.m.approve.POST, "editor2", "POST", `/api/v1/change-requests/${id}/approve`, { params: { id }, body: { comment: "ok" } });
    expect([approved.status, approved.json.changeRequest.status, approved.json.version.number]).toEqual([200, "approved", 1]);
    const got = await call(t.m.changeRequest.GET, "viewer", "GET", `/api/v1/change-requests/${id}`, { params: { id } });
    expect(got.json.changeRequest.reviewer).toBe("editor2@corsboard.test");
    const missing = await call(t.m.changeRequest.GET, "viewer", "GET", "/api/v1/change-requests/nope", { params: { id: "nope" } });
    expect(missing.status).toBe(404);
  });

  it("history and rollback over HTTP", async () => {
    await call(t.m.origins.POST, "editor", "POST", `${ep("dev")}/draft/origins`, { params: E("dev"), body: { origins: [{ value: "https://three.example.com" }] } });
    await call(t.m.publish.POST, "editor", "POST", `${ep("dev")}/publish`, { params: E("dev"), body: { message: "second", revision: 3 } });
    const versions = await call(t.m.versions.GET, "viewer", "GET", `${ep("dev")}/versions`, { params: E("dev") });
    expect(versions.json.versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    const v2 = await call(t.m.version.GET, "viewer", "GET", `${ep("dev")}/versions/2`, { params: { ...E("dev"), number: "2" } });
    expect(v2.json.diff.origins).toEqual([expect.objectContaining({ value: "https://three.example.com", change: "added" })]);
    const badNumber = await call(t.m.version.GET, "viewer", "GET", `${ep("dev")}/versions/two`, { params: { ...E("dev"), number: "two" } });
    expect([badNumber.status, badNumber.json.errors[0].field]).toEqual([422, "params.number"]);
    const rolled = await call(t.m.rollback.POST, "editor", "POST", `${ep("dev")}/versions/1/rollback`, { params: { ...E("dev"), number: "1" }, body: {} });
    expect([rolled.status, rolled.json.version.number, rolled.json.version.rollbackOf]).toEqual([201, 3, 1]);
  });

  it("protected flag: editors get 403 admin_only; admins (session or API token) change it", async () => {
    const editor = await call(t.m.environment.PATCH, "editor", "PATCH", ep("staging"), { params: E("staging"), body: { protected: true } });
    expect([editor.status, editor.json.code]).toEqual([403, "admin_only"]);
    const admin = await call(t.m.environment.PATCH, "admin", "PATCH", ep("staging"), { params: E("staging"), body: { protected: true } });
    expect([admin.status, admin.json.environment.protected]).toEqual([200, true]);
    const token = await call(t.m.environment.PATCH, "token", "PATCH", ep("staging"), { params: E("staging"), body: { protected: false } });
    expect([token.status, token.json.environment.protected]).toEqual([200, false]);
    const renamed = await call(t.m.environment.PATCH, "editor", "PATCH", ep("staging"), { params: E("staging"), body: { name: "Staging" } });
    expect(renamed.json.environment.name).toBe("Staging");
    const created = await call(t.m.environments.POST, "editor", "POST", "/api/v1/projects/shop/environments", { params: P, body: { slug: "qa", name: "QA" } });
    expect([created.status, created.json.environment.position]).toEqual([201, 3]);
    const reordered = await call(t.m.order.PUT, "editor", "PUT", "/api/v1/projects/shop/environment-order", { params: P, body: { order: ["qa", "dev", "staging", "prod"] } });
    expect(reordered.json.project.environments.map((e: { slug: string }) => e.slug)).toEqual(["qa", "dev", "staging", "prod"]);
    const patched = await call(t.m.project.PATCH, "editor", "PATCH", "/api/v1/projects/shop", { params: P, body: { description: "Web shop" } });
    expect(patched.json.project.description).toBe("Web shop");
  });

  it("compare and promote, search, export (download) and import over HTTP", async () => {
    const compared = await call(t.m.compare.GET, "viewer", "GET", "/api/v1/projects/shop/compare?from=dev&to=prod", { params: P });
    expect(compared.json).toMatchObject({ from: "dev", to: "prod", source: "draft", inBoth: [] });
    const badQuery = await call(t.m.compare.GET, "viewer", "GET", "/api/v1/projects/shop/compare?from=dev", { params: P });
    expect([badQuery.status, badQuery.json.errors[0].field]).toEqual([422, "query.to"]);
    const promoted = await call(t.m.promote.POST, "editor", "POST", `${ep("qa")}/promote`, { params: E("qa"), body: { from: "dev", origins: ["https://ok.example.com"] } });
    expect(promoted.json.content.origins.map((o: { value: string }) => o.value)).toEqual(["https://ok.example.com"]);

    const found = await call(t.m.search.GET, "viewer", "GET", "/api/v1/search?origin=https://ok.example.com");
    expect(found.json.hits.filter((h: { match: string }) => h.match === "exact").length).toBeGreaterThan(0);

    const exported = await call(t.m.exportRoute.GET, "viewer", "GET", "/api/v1/projects/shop/export", { params: P });
    expect(exported.headers.get("content-disposition")).toBe('attachment; filename="shop.corsboard.json"');
    const imported = await call(t.m.importRoute.POST, "editor", "POST", "/api/v1/projects/import", { body: { document: exported.json, mode: "create", slug: "shop-copy" } });
    expect([imported.status, imported.json.project.slug]).toEqual([201, "shop-copy"]);
    const replaced = await call(t.m.importRoute.POST, "editor", "POST", "/api/v1/projects/import", { body: { document: exported.json, mode: "replace-drafts", slug: "shop-copy" } });
    expect(replaced.status).toBe(200);
    const broken = await call(t.m.importRoute.POST, "editor", "POST", "/api/v1/projects/import", { body: { mode: "create" } });
    expect([broken.status, broken.json.errors[0].field]).toEqual([422, "body.document"]);
  });

  it("audit: filter by project and environment; CSV export as a download", async () => {
    const list = await call(t.m.audit.GET, "viewer", "GET", "/api/v1/audit?project=shop&environment=prod");
    expect(list.json.events.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(["draft.save", "change-request.create", "change-request.approve", "policy.publish"]));
    const csv = await call(t.m.auditExport.GET, "viewer", "GET", "/api/v1/audit/export?format=csv&project=shop");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="corsboard-audit-[\dTZ-]+\.csv"$/);
    expect(csv.text.split("\r\n")[0]).toBe("id,at,actor,action,targetType,targetId,project,environment,projectId,environmentId,before,after");
    const badFormat = await call(t.m.auditExport.GET, "viewer", "GET", "/api/v1/audit/export?format=xml");
    expect([badFormat.status, badFormat.json.errors[0].field]).toEqual([422, "query.format"]);
  });
});
