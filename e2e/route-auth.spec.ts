import { expect, test } from "@playwright/test";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expectProblem } from "./support/api";

/**
 * Every route handler under app/ is found on disk, and each exported method
 * is called without a session: it must answer 401 (problem+json). Routes
 * that are public by design are listed here with the reason, and the list
 * must match what exists, so a new route is never public by accident.
 */
const PUBLIC_ROUTES: Record<string, string> = {
  "GET /api/health": "load balancers poll it",
  "GET /api/setup": "the setup screen asks whether setup is still needed",
  "POST /api/setup": "creates the first admin; refuses once any account exists",
  "GET /api/v1/openapi.json": "API documentation, no data",
  "GET /api/auth/[...all]": "better-auth's own endpoints (sign-in, session)",
  "POST /api/auth/[...all]": "better-auth's own endpoints (sign-in, sign-out)",
  "GET /api/v1/password-resets/[token]": "the reset page asks whose password a one-time link resets; the link's 256-bit secret is the credential",
  "POST /api/v1/password-resets/[token]": "redeems a one-time reset link (works once, for 24 hours)",
  "GET /downloads/[file]": "the SDK and CLI tarballs services install: code of this version, no data or secrets",
};

function findRoutes(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findRoutes(full));
    else if (entry.name === "route.ts") out.push(full);
  }
  return out;
}

const routes = findRoutes("app").flatMap((file) => {
  const urlPath = "/" + path.dirname(path.relative("app", file)).split(path.sep).filter((s) => !/^\(.*\)$/.test(s)).join("/");
  const source = readFileSync(file, "utf8");
  const methods = [...source.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
  return methods.map((method) => ({ method, urlPath, key: `${method} ${urlPath}` }));
});

test("the route list is what the test knows about", () => {
  expect(routes.length).toBeGreaterThan(10);
  const publicFound = routes.filter((r) => PUBLIC_ROUTES[r.key]).map((r) => r.key).sort();
  expect(publicFound).toEqual(Object.keys(PUBLIC_ROUTES).sort());
});

for (const route of routes.filter((r) => !PUBLIC_ROUTES[r.key])) {
  const url = route.urlPath.replace(/\[\.\.\.(\w+)\]/g, "x/y").replace(/\[(\w+)\]/g, "does-not-exist");
  test(`${route.key} answers 401 without a session`, async ({ request }) => {
    const res = await request.fetch(url, {
      method: route.method,
      ...(route.method === "GET" || route.method === "DELETE" ? {} : { data: {} }),
    });
    const problem = await expectProblem(res, 401);
    expect(problem.code).toBe("unauthorized");
  });

  test(`${route.key} answers 401 to a wrong bearer token and a forged cookie`, async ({ request }) => {
    const bearer = await request.fetch(url, { method: route.method, headers: { authorization: "Bearer cb_not-a-real-token-at-all-000000" } });
    await expectProblem(bearer, 401);
    const cookie = await request.fetch(url, { method: route.method, headers: { cookie: "better-auth.session_token=forged.value" } });
    await expectProblem(cookie, 401);
  });
}
