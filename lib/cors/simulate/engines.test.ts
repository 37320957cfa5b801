import { describe, expect, it } from "vitest";
import { ENGINE_DEPARTURES, ENGINE_PROFILES, ENGINES, type Engine } from "./engines";
import { explainEngineDifference, simulateEngines, simulateSequence, type SequenceStep } from "./sequence";
import { simulate } from "./simulate";
import type { ObservedResponses, SimulateRequest } from "./types";

const app = "https://app.example";
const url = "https://api.example/items";
const put: SimulateRequest = { origin: app, url, method: "PUT", headers: {}, credentials: "same-origin" };
const okActual = { status: 200, headers: { "Access-Control-Allow-Origin": app } };
const badActual = { status: 200, headers: {} };
const preflightOk = (extra: Record<string, string> = {}) => ({
  status: 204,
  headers: { "Access-Control-Allow-Origin": app, "Access-Control-Allow-Methods": "PUT", ...extra },
});

const outcome = (engine: Engine, request: SimulateRequest, responses: ObservedResponses) => {
  const r = simulate(request, responses, { engine });
  return r.verdict === "allowed" ? "allowed" : r.stage;
};

describe("the engine table", () => {
  it("has a source for every engine on every departure, and every engine a profile", () => {
    for (const d of ENGINE_DEPARTURES) {
      expect(d.standardSource).toMatch(/^https:\/\//);
      for (const e of ENGINES) expect(d.engines[e].source, `${d.id} ${e}`).toMatch(/^https:\/\//);
    }
    expect(Object.keys(ENGINE_PROFILES).sort()).toEqual([...ENGINES].sort());
    expect(ENGINE_PROFILES.webkit.verification).toBe("modelled");
  });

  it("defaults to Chromium", () => {
    expect(simulate(put, { preflight: preflightOk(), actual: okActual }).engine).toBe("chromium");
  });
});

describe("Access-Control-Max-Age per engine", () => {
  const maxAge = (engine: Engine, value: string | undefined) =>
    simulate(put, { preflight: preflightOk(value === undefined ? {} : { "Access-Control-Max-Age": value }), actual: okActual }, { engine }).preflight.maxAgeSeconds;

  it("caps: Chromium 7200, Firefox 86400, WebKit 600; default 5 everywhere", () => {
    expect([maxAge("chromium", "100000"), maxAge("firefox", "100000"), maxAge("webkit", "100000")]).toEqual([7200, 86400, 600]);
    expect([maxAge("chromium", undefined), maxAge("firefox", undefined), maxAge("webkit", undefined)]).toEqual([5, 5, 5]);
    expect([maxAge("chromium", "600"), maxAge("firefox", "600"), maxAge("webkit", "600")]).toEqual([600, 600, 600]);
  });

  it("parses: Firefox does not cache a value that is not all digits", () => {
    expect([maxAge("chromium", "-1"), maxAge("firefox", "-1"), maxAge("webkit", "-1")]).toEqual([0, 0, 0]);
    expect([maxAge("chromium", "+60"), maxAge("firefox", "+60"), maxAge("webkit", "+60")]).toEqual([60, 0, 60]);
    expect([maxAge("chromium", "1.5"), maxAge("firefox", "1.5"), maxAge("webkit", "1.5")]).toEqual([5, 0, 5]);
    expect(maxAge("firefox", "99999999999999999999999")).toBe(86400);
  });
});

describe("Access-Control-Allow-Headers: * and Authorization", () => {
  const request = { ...put, headers: { Authorization: "Bearer x" } };
  const responses = { preflight: preflightOk({ "Access-Control-Allow-Headers": "*" }), actual: okActual };

  it("all three engines let * cover it, against the standard: no difference between them, the departure still named", () => {
    for (const e of ENGINES) expect(outcome(e, request, responses)).toBe("allowed");
    const results = simulateEngines(request, responses);
    for (const e of ENGINES) expect(results[e]?.departures).toContain("authorization-wildcard");
    expect(explainEngineDifference(results)).toEqual([]);
  });

  it("an explicit Authorization entry passes everywhere", () => {
    const listed = { preflight: preflightOk({ "Access-Control-Allow-Headers": "*, Authorization" }), actual: okActual };
    for (const e of ENGINES) expect(outcome(e, request, listed)).toBe("allowed");
    expect(explainEngineDifference(simulateEngines(request, listed))).toEqual([]);
  });
});

describe("headers only Chromium treats specially", () => {
  it("a client hint needs a preflight in Firefox and WebKit, not in Chromium", () => {
    const request = { ...put, method: "GET", headers: { DPR: "2" } };
    const responses = { actual: okActual };
    expect(simulate(request, responses, { engine: "chromium" }).preflight.required).toBe(false);
    expect(simulate(request, responses, { engine: "firefox" }).preflight.required).toBe(true);
    expect(outcome("chromium", request, responses)).toBe("allowed");
    expect(outcome("firefox", request, responses)).toBe("preflight");
    expect(explainEngineDifference(simulateEngines(request, responses)).map((d) => d.departure.id)).toEqual(["client-hints-safelisted"]);
  });

  it("User-Agent is dropped by Chromium and sent (preflighted) by Firefox", () => {
    const request = { ...put, method: "GET", headers: { "User-Agent": "probe/1" } };
    const c = simulate(request, { actual: okActual }, { engine: "chromium" });
    const f = simulate(request, { actual: okActual }, { engine: "firefox" });
    expect(c.preflight.required).toBe(false);
    expect(f.preflight.request?.headers["Access-Control-Request-Headers"]).toBe("user-agent");
    expect(f.departures).toContain("user-agent-forbidden");
  });

  it("Local Network Access is Chromium's only", () => {
    const request = { ...put, method: "GET", origin: "http://public.example", url: "http://192.168.1.2/x" };
    const addressSpace = { initiator: "public", target: "local" } as const;
    expect(simulate(request, { actual: okActual }, { engine: "chromium", addressSpace }).failure?.rule).toBe("local-network-access");
    expect(simulate(request, { actual: { status: 200, headers: { "Access-Control-Allow-Origin": "http://public.example" } } }, { engine: "firefox", addressSpace }).verdict).toBe("allowed");
  });
});

describe("the preflight cache across a sequence", () => {
  // 1. preflight ok (max-age 600) and a good response; 2. the response now fails CORS;
  // 3. the same request again, and the server's preflight now refuses.
  const steps: SequenceStep[] = [
    { request: put, responses: { preflight: preflightOk({ "Access-Control-Max-Age": "600" }), actual: okActual }, at: 0 },
    { request: put, responses: { preflight: preflightOk({ "Access-Control-Max-Age": "600" }), actual: badActual }, at: 1 },
    { request: put, responses: { preflight: { status: 403, headers: {} }, actual: okActual }, at: 2 },
  ];
  const outcomes = (engine: Engine) => simulateSequence(steps, { engine }).map((r) => (r.verdict === "allowed" ? "allowed" : r.stage));

  it("Chromium keeps the cached preflight after the failure; Firefox drops it", () => {
    expect(outcomes("chromium")).toEqual(["allowed", "actual", "allowed"]);
    expect(outcomes("firefox")).toEqual(["allowed", "actual", "preflight"]);
    expect(outcomes("webkit")).toEqual(["allowed", "actual", "allowed"]);
    const chromium = simulateSequence(steps, { engine: "chromium" });
    expect(chromium[1]?.preflight.fromCache).toBe(true);
    expect(chromium[2]?.preflight.fromCache).toBe(true);
    expect(chromium[1]?.departures).toContain("preflight-cache-after-failure");
    const firefox = simulateSequence(steps, { engine: "firefox" });
    expect(firefox[1]?.steps.map((s) => s.id)).toContain("preflight-cache-clear");
    expect(firefox[2]?.preflight.fromCache).toBeUndefined();
  });

  it("an entry expires after its max-age (capped per engine) and is keyed by credentials mode", () => {
    const again = (at: number, engine: Engine, credentials: "same-origin" | "include" = "same-origin") =>
      simulateSequence(
        [
          { request: put, responses: { preflight: preflightOk({ "Access-Control-Max-Age": "100000" }), actual: okActual }, at: 0 },
          { request: { ...put, credentials }, responses: { preflight: { status: 500, headers: {} }, actual: okActual }, at },
        ],
        { engine },
      )[1]?.preflight.fromCache === true;
    expect(again(599, "webkit")).toBe(true);
    expect(again(600, "webkit")).toBe(false);
    expect(again(7199, "chromium")).toBe(true);
    expect(again(7200, "chromium")).toBe(false);
    expect(again(86399, "firefox")).toBe(true);
    expect(again(10, "chromium", "include")).toBe(false);
  });

  it("a cached entry covers only the methods and headers its preflight allowed", () => {
    const results = simulateSequence([
      { request: put, responses: { preflight: preflightOk({ "Access-Control-Max-Age": "60" }), actual: okActual } },
      { request: { ...put, headers: { "X-Extra": "1" } }, responses: { preflight: preflightOk({ "Access-Control-Allow-Headers": "X-Extra" }), actual: okActual } },
    ]);
    expect(results[1]?.preflight.fromCache).toBeUndefined();
    expect(results[1]?.verdict).toBe("allowed");
  });
});

describe("redirects of a preflighted request (found in Firefox)", () => {
  const other = "https://other.example";
  const request = { ...put, headers: { "X-Id": "1" } };
  const allowPut = (origin: string) => ({
    status: 204,
    headers: { "Access-Control-Allow-Origin": origin, "Access-Control-Allow-Methods": "PUT", "Access-Control-Allow-Headers": "x-id" },
  });
  const responses: ObservedResponses = {
    preflight: allowPut(app),
    actual: { status: 307, headers: { Location: `${other}/next`, "Access-Control-Allow-Origin": app } },
    redirects: [{ preflight: allowPut(app), actual: { status: 200, headers: { "Access-Control-Allow-Origin": "null" } } }],
  };

  it("Firefox preflights the next hop with the page's origin; Chromium with null", () => {
    expect(outcome("chromium", request, responses)).toBe("preflight");
    expect(outcome("firefox", request, responses)).toBe("allowed");
    expect(explainEngineDifference(simulateEngines(request, responses)).map((d) => d.departure.id)).toContain("redirect-preflight-origin");
  });

  it("Firefox preflights a plain GET after a redirect of a preflighted request", () => {
    const post = { ...put, method: "POST", headers: { "Content-Type": "application/json" } };
    const chain: ObservedResponses = {
      preflight: { status: 204, headers: { "Access-Control-Allow-Origin": app, "Access-Control-Allow-Headers": "content-type" } },
      actual: { status: 303, headers: { Location: `${url}/next`, "Access-Control-Allow-Origin": app } },
      redirects: [{ actual: okActual }],
    };
    expect(outcome("chromium", post, chain)).toBe("allowed");
    expect(outcome("firefox", post, chain)).toBe("preflight");
    const partial = simulate(post, { ...chain, redirects: [] }, { engine: "firefox" });
    expect(partial.next?.preflight?.headers["Access-Control-Request-Method"]).toBe("GET");
  });
});

describe("a cached preflight that does not cover the next request", () => {
  const xa = (value: string) => ({ ...put, headers: { "X-A": value } });
  const allow = (name: string, maxAge: string) => preflightOk({ "Access-Control-Allow-Headers": name, "Access-Control-Max-Age": maxAge });
  const steps: SequenceStep[] = [
    { request: xa("1"), responses: { preflight: allow("X-A", "600"), actual: okActual } },
    { request: { ...put, headers: { "X-B": "1" } }, responses: { preflight: allow("X-B", "0"), actual: okActual } },
    { request: xa("2"), responses: { preflight: { status: 403, headers: {} }, actual: okActual } },
  ];
  it("is evicted by Chromium and WebKit (canSkipPreflight removes it), kept by Firefox", () => {
    expect(simulateSequence(steps, { engine: "chromium" }).map((r) => r.verdict)).toEqual(["allowed", "allowed", "blocked"]);
    expect(simulateSequence(steps, { engine: "webkit" }).map((r) => r.verdict)).toEqual(["allowed", "allowed", "blocked"]);
    expect(simulateSequence(steps, { engine: "firefox" }).map((r) => r.verdict)).toEqual(["allowed", "allowed", "allowed"]);
  });
});
