import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { api, apiRoutes, UNDECLARED_ROUTES } from "@/lib/api/routes";

/**
 * Every route handler under app/api is built with defineRoute (or, for the
 * config API's routes the fast path also answers, defineConfigRoute) from its
 * declaration in lib/api/routes.ts, under the key of its own method and
 * path — so the OpenAPI document, generated from those declarations, is
 * what the handlers parse. Handlers that are not, with the reason:
 */
const NOT_DEFINE_ROUTE: Record<string, string> = {
  ...UNDECLARED_ROUTES,
  "GET /api/health": "declared; answers without authenticating anyone, so load balancers get 503 (not 500) while the database is down",
};

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? routeFiles(full) : entry.name === "route.ts" ? [full] : [];
  });
}

interface Handler {
  key: string;
  file: string;
  /** The declaration the handler is built from (`defineRoute(api["…"]`), if any. */
  declaration: string | null;
}

const handlers: Handler[] = routeFiles("app/api").flatMap((file) => {
  const urlPath = `/${path.dirname(path.relative("app", file)).split(path.sep).join("/")}`.replace(/\[\.\.\.(\w+)\]/g, "{...$1}").replace(/\[(\w+)\]/g, "{$1}");
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b(\s*=\s*(?:defineRoute|defineConfigRoute)\(\s*api\["([^"]+)"\])?/g)].map((m) => ({
    key: `${m[1]} ${urlPath}`,
    file,
    declaration: m[3] ?? null,
  }));
});

describe("the route declarations", () => {
  it("build every route handler, each from the declaration of its own method and path", () => {
    const wrong = handlers.filter((h) => !NOT_DEFINE_ROUTE[h.key] && h.declaration !== h.key).map((h) => `${h.file}: ${h.key} built from ${h.declaration ?? "no declaration"}`);
    expect(wrong).toEqual([]);
  });

  it("with the undeclared ones, list every handler (the proxy's 404/405 relies on it)", () => {
    const known = new Set([...Object.keys(api), ...Object.keys(UNDECLARED_ROUTES)]);
    expect(handlers.filter((h) => !known.has(h.key)).map((h) => h.key)).toEqual([]);
    for (const key of Object.keys(UNDECLARED_ROUTES)) expect(Object.keys(api)).not.toContain(key);
  });

  it("declare no route that doesn't exist", () => {
    const existing = new Set(handlers.map((h) => h.key));
    expect([...Object.keys(api), ...Object.keys(UNDECLARED_ROUTES)].filter((key) => !existing.has(key))).toEqual([]);
  });

  it("generate the document with every declared route", () => {
    const doc = buildOpenApiDocument("test");
    for (const route of apiRoutes) expect(doc.paths[route.path]?.[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
  });

  it("document path parameters with their declared schemas, and the body as documented", () => {
    const doc = buildOpenApiDocument("test") as { paths: Record<string, Record<string, { parameters: { name: string; schema: { pattern?: string } }[]; requestBody?: unknown }>> };
    const draft = doc.paths["/api/v1/projects/{project}/environments/{environment}/draft"]?.put;
    expect(draft?.parameters.find((p) => p.name === "project")?.schema.pattern).toBeDefined();
    expect(JSON.stringify(doc.paths["/api/v1/projects/import"]?.post?.requestBody)).toContain("corsboard.project/v1");
  });
});
