// Differential test of the browser simulator (lib/cors/simulate) against real
// Chromium. Each case of e2e/fixtures/cors-scenarios.ts is fetched from a page
// on http://app.test:<port> to a scenario server on http://api.test:<port>;
// what reached the server tells where Chromium stopped. The simulator, fed
// the same request and the same responses, must agree on verdict and stage,
// and on the preflight Chromium sent.

import { expect, test, type Browser, type Page } from "@playwright/test";
import { simulate, type ObservedHop, type ObservedResponses, type SimulationResult } from "../lib/cors/simulate";
import { observeInChromium, openScenarioPages, prepareCases, type ChromiumObservation, type PreparedCase as Prepared } from "./fixtures/chromium-observation";
import { CACHE_CASES, CASES, type CacheCase, type Outcome } from "./fixtures/cors-scenarios";
import { responseFor, startScenarioServer, type Route, type ScenarioServer } from "./servers/scenario-server";

let server: ScenarioServer;
let prepared = new Map<string, Prepared>();
let observed = new Map<string, ChromiumObservation>();
const cacheObserved = new Map<string, { url: string; route: Route; statuses: number[]; preflights: number }>();

test.beforeAll(async ({ browser }) => {
  test.setTimeout(60_000);
  server = await startScenarioServer();
  prepared = prepareCases(server, CASES);
  await observeAll(browser);
});

test.afterAll(async () => {
  let agree = 0;
  for (const p of prepared.values()) {
    const o = observed.get(p.testCase.id);
    const s = simulateCase(p);
    if (o !== undefined && outcomeOf(s) === o.outcome) agree++;
  }
  console.log(`cors-differential: simulator agrees with Chromium on ${agree}/${prepared.size} cases`);
  await server?.close();
});

for (const testCase of CASES) {
  test(`${testCase.id} — ${testCase.rule}`, async () => {
    const p = prepared.get(testCase.id);
    const o = observed.get(testCase.id);
    if (p === undefined || o === undefined) throw new Error(`case ${testCase.id} was not run`);
    const result = simulateCase(p);
    const context = [
      `Chromium: ${o.outcome} (fetch: ${o.fetchResult})`,
      o.console === "" ? "" : `Chromium console: ${o.console}`,
      `server saw: ${o.requests.map((r) => `${r.method} ${r.host}${r.path} → ${r.status}`).join(", ") || "nothing"}`,
      `simulator: ${outcomeOf(result)}${result.failure === undefined ? "" : ` (${result.failure.rule}: ${result.failure.message})`}`,
      ...result.warnings.map((w) => `warning: ${w}`),
    ]
      .filter((line) => line !== "")
      .join("\n");

    // The table still describes what Chromium does…
    expect(o.outcome, `case table vs Chromium\n${context}`).toBe(testCase.expected);
    // …and the simulator agrees with Chromium on verdict and stage.
    expect(outcomeOf(result), `simulator vs Chromium\n${context}`).toBe(o.outcome);
    // Port blocking: Chromium refused to connect (not merely failed to), and the simulator names the rule.
    if (testCase.rule.startsWith("bad-port")) {
      expect(o.netError, `Chromium's network error\n${context}`).toBe("net::ERR_UNSAFE_PORT");
      expect(result.failure?.rule, context).toBe("bad-port");
    }

    // The preflight: whether Chromium sent one to the first URL, and its CORS headers.
    const firstPath = p.ctx.path();
    const sentPreflight = o.requests.find((r) => r.path === firstPath && r.method === "OPTIONS");
    expect.soft(result.preflight.required, `preflight required?\n${context}`).toBe(sentPreflight !== undefined);
    if (sentPreflight !== undefined && result.preflight.request !== undefined) {
      const simulated = result.preflight.request.headers;
      expect.soft(sentPreflight.headers.origin, "Origin").toBe(simulated.Origin);
      expect.soft(sentPreflight.headers["access-control-request-method"], "Access-Control-Request-Method").toBe(simulated["Access-Control-Request-Method"]);
      expect.soft(sentPreflight.headers["access-control-request-headers"], "Access-Control-Request-Headers").toBe(simulated["Access-Control-Request-Headers"]);
    }
  });
}

for (const cacheCase of CACHE_CASES) {
  test(`${cacheCase.id} — ${cacheCase.rule}`, async () => {
    const o = cacheObserved.get(cacheCase.id);
    if (o === undefined) throw new Error(`cache case ${cacheCase.id} was not run`);
    const chromiumCached = o.preflights === 1;
    expect(o.statuses, "both fetches succeed").toEqual([200, 200]);
    expect(chromiumCached, "case table vs Chromium").toBe(cacheCase.expectedCached);

    const result = simulate(
      { origin: server.appOrigin, url: o.url, method: "PUT", headers: {}, credentials: "same-origin" },
      { preflight: responseFor(o.route, "OPTIONS"), actual: responseFor(o.route, "PUT") },
    );
    expect(result.verdict).toBe("allowed");
    expect((result.preflight.maxAgeSeconds ?? 0) > 0, `simulator max-age ${result.preflight.maxAgeSeconds}`).toBe(chromiumCached);
  });
}

/** Feeds the simulator the request and exactly what the server answers along the redirect chain. */
function simulateCase(p: Prepared): SimulationResult {
  const method = p.testCase.request.method ?? "GET";
  return simulate(
    {
      origin: p.origin,
      url: p.url,
      method,
      headers: p.testCase.request.headers ?? {},
      credentials: p.testCase.request.credentials ?? "same-origin",
      mode: "cors",
    },
    observedResponses(p.url, method, p.routes),
  );
}

function observedResponses(url: string, method: string, routes: Record<string, Route>): ObservedResponses {
  const hops: ObservedHop[] = [];
  let current: URL | null = new URL(url);
  while (current !== null && hops.length < 25) {
    const route = routes[current.pathname];
    const preflight = responseFor(route, "OPTIONS");
    const actual = responseFor(route, method);
    // A dropped connection is a network error: no response was observed.
    hops.push({
      ...(preflight.dropConnection === true ? {} : { preflight }),
      ...(actual.dropConnection === true ? {} : { actual }),
    });
    const location = actual.headers.Location;
    current = [301, 302, 303, 307, 308].includes(actual.status) && typeof location === "string" ? safeUrl(location, current) : null;
  }
  const [first, ...redirects] = hops;
  return { ...first, redirects };
}

function safeUrl(location: string, base: URL): URL | null {
  try {
    const next = new URL(location, base);
    return next.protocol === "http:" ? next : null;
  } catch {
    return null;
  }
}

function outcomeOf(result: SimulationResult): Outcome {
  return result.verdict === "allowed" ? "allowed" : (result.stage ?? "actual");
}

async function observeAll(browser: Browser): Promise<void> {
  const pages = await openScenarioPages(browser, server);
  observed = await observeInChromium(pages, server, prepared);
  await Promise.all(CACHE_CASES.map((c) => observeCache(pages.normal, c)));
  await pages.close();
}

/** Fetches the same preflighted URL twice in a row and counts the preflights that reached the server. */
async function observeCache(page: Page, cacheCase: CacheCase): Promise<void> {
  const path = `/s/cache-${Math.random().toString(36).slice(2, 8)}/${cacheCase.id}`;
  const route: Route = {
    preflight: {
      status: 204,
      headers: {
        "Access-Control-Allow-Origin": server.appOrigin,
        "Access-Control-Allow-Methods": "PUT",
        ...(cacheCase.maxAge === undefined ? {} : { "Access-Control-Max-Age": cacheCase.maxAge }),
      },
    },
    actual: { status: 200, headers: { "Access-Control-Allow-Origin": server.appOrigin } },
  };
  server.setRoute(path, route);
  const url = `${server.apiOrigin}${path}`;
  const statuses: number[] = [];
  for (let i = 0; i < 2; i++) {
    statuses.push(await page.evaluate((u) => fetch(u, { method: "PUT" }).then((r) => r.status, () => 0), url));
  }
  const preflights = server.requests(path).filter((r) => r.method === "OPTIONS").length;
  cacheObserved.set(cacheCase.id, { url, route, statuses, preflights });
}
