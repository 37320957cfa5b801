import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { apiRoutes } from "@/lib/api/routes";

/**
 * Every route handler under app/api is described in lib/api/routes.ts (and so
 * in the OpenAPI document), with the same method and path. Routes left out on
 * purpose are listed here with the reason.
 */
const UNDOCUMENTED: Record<string, string> = {
  "GET /api/auth/{all}": "better-auth's own endpoints",
  "POST /api/auth/{all}": "better-auth's own endpoints",
  "GET /api/v1/openapi.json": "the document itself",
};

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? routeFiles(full) : entry.name === "route.ts" ? [full] : [];
  });
}

const handlers = routeFiles("app/api").flatMap((file) => {
  const urlPath = `/${path.dirname(path.relative("app", file)).split(path.sep).join("/")}`.replace(/\[\.\.\.(\w+)\]/g, "{$1}").replace(/\[(\w+)\]/g, "{$1}");
  const methods = [...readFileSync(file, "utf8").matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1] as string);
  return methods.map((method) => `${method} ${urlPath}`);
});

describe("the OpenAPI route registry", () => {
  it("describes every route handler", () => {
    const documented = new Set(apiRoutes.map((r) => `${r.method.toUpperCase()} ${r.path}`));
    const missing = handlers.filter((key) => !documented.has(key) && !UNDOCUMENTED[key]);
    expect(missing).toEqual([]);
  });

  it("describes no route that doesn't exist", () => {
    const existing = new Set(handlers);
    expect(apiRoutes.map((r) => `${r.method.toUpperCase()} ${r.path}`).filter((key) => !existing.has(key))).toEqual([]);
  });

  it("builds the document with every path", () => {
    const doc = buildOpenApiDocument("test");
    for (const route of apiRoutes) expect(doc.paths[route.path]?.[route.method], `${route.method} ${route.path}`).toBeDefined();
  });
});
