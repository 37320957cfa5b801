import { expect, test } from "@playwright/test";
import { adminAuth, expectProblem } from "./support/api";

// Against the real server (scripts/server.mjs: the config fast path, then
// Next with proxy.ts): an API path no route serves, or a method a route does
// not take, is a problem document like every other API error — not Next's
// HTML not-found page or its bare 405.

test("an unknown API path is a 404 problem pointing at the API description", async ({ request }) => {
  for (const path of ["/api/v1/nope", "/api/v1/projects/shop/environments/prod/nope", "/api", "/api/v2/projects"]) {
    const res = await request.get(path, { headers: adminAuth });
    const problem = await expectProblem(res, 404);
    expect(problem.code, path).toBe("not_found");
    expect(problem.detail).toContain("/api/v1/openapi.json");
  }
});

test("a method the route does not take is a 405 problem with Allow", async ({ request }) => {
  const cases: [method: string, path: string, allow: string][] = [
    ["DELETE", "/api/v1/projects", "GET, POST, HEAD, OPTIONS"],
    // A static segment wins over [project], as in Next's router: the import takes only POST.
    ["GET", "/api/v1/projects/import", "POST, OPTIONS"],
    ["PUT", "/api/v1/probe", "POST, OPTIONS"],
    // Not a GET, so past the fast path, to Next.
    ["POST", "/api/v1/config/storefront-api/prod", "GET, HEAD, OPTIONS"],
  ];
  for (const [method, path, allow] of cases) {
    const res = await request.fetch(path, { method, headers: adminAuth, ...(method === "GET" ? {} : { data: {} }) });
    const problem = await expectProblem(res, 405);
    expect(problem.code, `${method} ${path}`).toBe("method_not_allowed");
    expect(res.headers()["allow"], `${method} ${path}`).toBe(allow);
  }
});

test("routes that exist still answer, and pages keep their HTML not-found page", async ({ request }) => {
  expect((await request.get("/api/health")).status()).toBe(200);
  expect((await request.get("/api/v1/projects", { headers: adminAuth })).status()).toBe(200);
  expect((await request.head("/api/health")).status()).toBe(200);
  // A route whose dynamic segment names nothing is the handler's own 404.
  expect((await expectProblem(await request.get("/api/v1/projects/does-not-exist", { headers: adminAuth }), 404)).code).toBe("not_found");
  const page = await request.get("/no-such-page");
  expect(page.status()).toBe(404);
  expect(page.headers()["content-type"]).toContain("text/html");
});
