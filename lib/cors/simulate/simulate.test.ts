import { describe, expect, it } from "vitest";
import { simulate } from "./simulate";
import type { ObservedResponses, SimulateOptions, SimulateRequest } from "./types";

const APP = "https://app.example";
const API = "https://api.example/items";

const request = (over: Partial<SimulateRequest> = {}): SimulateRequest => ({
  origin: APP,
  url: API,
  method: "GET",
  headers: {},
  credentials: "omit",
  ...over,
});
const okWith = (headers: Record<string, string | string[]> = {}, status = 200) => ({ status, headers });
const allowApp = { "Access-Control-Allow-Origin": APP };

interface Case {
  name: string;
  request: SimulateRequest;
  responses: ObservedResponses;
  options?: SimulateOptions;
  verdict: "allowed" | "blocked";
  stage?: "preflight" | "actual";
  rule?: string;
  preflight?: boolean;
  fix?: string;
  warning?: RegExp;
}

describe("simulate", () => {
  it.each<Case>([
    // No preflight
    { name: "simple GET with *", request: request(), responses: { actual: okWith({ "Access-Control-Allow-Origin": "*" }) }, verdict: "allowed", preflight: false },
    {
      name: "simple GET without ACAO",
      request: request(),
      responses: { actual: okWith() },
      verdict: "blocked",
      stage: "actual",
      rule: "allow-origin-missing",
      preflight: false,
      fix: `Send Access-Control-Allow-Origin: ${APP} on the actual response (or * when the request carries no credentials).`,
    },
    { name: "post is normalized: no preflight", request: request({ method: "post" }), responses: { actual: okWith(allowApp) }, verdict: "allowed", preflight: false },
    { name: "DPR needs no preflight in Chromium", request: request({ headers: { DPR: "2" } }), responses: { actual: okWith(allowApp) }, verdict: "allowed", preflight: false, warning: /DPR/ },
    { name: "User-Agent is dropped by Chromium", request: request({ headers: { "User-Agent": "x" } }), responses: { actual: okWith(allowApp) }, verdict: "allowed", preflight: false, warning: /User-Agent/ },
    { name: "Cookie is dropped", request: request({ headers: { Cookie: "a=b" } }), responses: { actual: okWith(allowApp) }, verdict: "allowed", preflight: false, warning: /Cookie/ },
    // Preflight
    {
      name: "JSON POST without ACAH",
      request: request({ method: "POST", headers: { "Content-Type": "application/json" } }),
      responses: { preflight: okWith(allowApp, 204), actual: okWith(allowApp) },
      verdict: "blocked",
      stage: "preflight",
      rule: "header-not-allowed",
      preflight: true,
      fix: "Add Content-Type to Access-Control-Allow-Headers.",
    },
    {
      name: "JSON POST allowed",
      request: request({ method: "POST", headers: { "Content-Type": "application/json" } }),
      responses: { preflight: okWith({ ...allowApp, "Access-Control-Allow-Headers": "content-type" }, 204), actual: okWith(allowApp) },
      verdict: "allowed",
      preflight: true,
    },
    {
      name: "patch vs PATCH",
      request: request({ method: "patch" }),
      responses: { preflight: okWith({ ...allowApp, "Access-Control-Allow-Methods": "PATCH" }, 204), actual: okWith(allowApp) },
      verdict: "blocked",
      stage: "preflight",
      rule: "method-not-allowed",
      preflight: true,
    },
    {
      name: "preflight missing",
      request: request({ method: "PUT" }),
      responses: { actual: okWith(allowApp) },
      verdict: "blocked",
      stage: "preflight",
      rule: "preflight-no-response",
      preflight: true,
    },
    {
      name: "preflight passes, actual has no ACAO",
      request: request({ method: "PUT" }),
      responses: { preflight: okWith({ ...allowApp, "Access-Control-Allow-Methods": "PUT" }, 204), actual: okWith() },
      verdict: "blocked",
      stage: "actual",
      rule: "allow-origin-missing",
      preflight: true,
    },
    {
      name: "actual response missing",
      request: request({ method: "PUT" }),
      responses: { preflight: okWith({ ...allowApp, "Access-Control-Allow-Methods": "PUT" }, 204) },
      verdict: "blocked",
      stage: "actual",
      rule: "actual-no-response",
    },
    {
      name: "max-age over the cap warns",
      request: request({ method: "PUT" }),
      responses: { preflight: okWith({ ...allowApp, "Access-Control-Allow-Methods": "PUT", "Access-Control-Max-Age": "86400" }, 204), actual: okWith(allowApp) },
      verdict: "allowed",
      warning: /7200/,
    },
    {
      name: "Authorization under * passes in Chromium",
      request: request({ headers: { Authorization: "Bearer t" } }),
      responses: { preflight: okWith({ ...allowApp, "Access-Control-Allow-Headers": "*" }, 204), actual: okWith(allowApp) },
      verdict: "allowed",
      warning: /non-wildcard/,
    },
    // Credentials
    {
      name: "credentialed request with * on the actual response",
      request: request({ credentials: "include" }),
      responses: { actual: okWith({ "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Credentials": "true" }) },
      verdict: "blocked",
      stage: "actual",
      rule: "allow-origin-wildcard-with-credentials",
    },
    {
      name: "credentialed preflight needs ACAC",
      request: request({ method: "PUT", credentials: "include" }),
      responses: { preflight: okWith({ ...allowApp, "Access-Control-Allow-Methods": "PUT" }, 204), actual: okWith({ ...allowApp, "Access-Control-Allow-Credentials": "true" }) },
      verdict: "blocked",
      stage: "preflight",
      rule: "allow-credentials-missing",
    },
    // Request errors
    { name: "TRACE is forbidden", request: request({ method: "TRACE" }), responses: {}, verdict: "blocked", stage: "preflight", rule: "forbidden-method", preflight: false },
    { name: "method with a space", request: request({ method: "GET X" }), responses: {}, verdict: "blocked", stage: "preflight", rule: "invalid-method" },
    { name: "header value with LF", request: request({ headers: { "X-A": "a\nb" } }), responses: {}, verdict: "blocked", stage: "preflight", rule: "invalid-header-value" },
    { name: "relative URL", request: request({ url: "/items" }), responses: {}, verdict: "blocked", stage: "preflight", rule: "invalid-url" },
    { name: "URL with credentials", request: request({ url: "https://u:p@api.example/" }), responses: {}, verdict: "blocked", stage: "preflight", rule: "invalid-url" },
    // Same origin
    { name: "same-origin request skips CORS", request: request({ url: `${APP}/items`, method: "PUT", headers: { "X-A": "1" } }), responses: { actual: okWith() }, verdict: "allowed", preflight: false },
    // Opaque origin
    { name: "opaque origin with ACAO null", request: request({ origin: "null" }), responses: { actual: okWith({ "Access-Control-Allow-Origin": "null" }) }, verdict: "allowed" },
    // Local Network Access
    {
      name: "insecure public page to a local address",
      request: request({ origin: "http://app.example" }),
      responses: { actual: okWith({ "Access-Control-Allow-Origin": "*" }) },
      options: { addressSpace: { initiator: "public", target: "local" } },
      verdict: "blocked",
      stage: "preflight",
      rule: "local-network-access",
    },
    {
      name: "secure public page to a local address warns",
      request: request(),
      responses: { actual: okWith({ "Access-Control-Allow-Origin": "*" }) },
      options: { addressSpace: { initiator: "public", target: "local" } },
      verdict: "allowed",
      warning: /Local Network Access/,
    },
    // Redirects
    {
      name: "redirect then allowed",
      request: request(),
      responses: { actual: okWith({ "Access-Control-Allow-Origin": "*", Location: "/next" }, 302), redirects: [{ actual: okWith({ "Access-Control-Allow-Origin": "*" }) }] },
      verdict: "allowed",
    },
    {
      name: "redirect without ACAO",
      request: request(),
      responses: { actual: okWith({ Location: "/next" }, 302), redirects: [{ actual: okWith({ "Access-Control-Allow-Origin": "*" }) }] },
      verdict: "blocked",
      stage: "actual",
      rule: "allow-origin-missing",
    },
    {
      name: "cross-origin redirect taints the origin",
      request: request(),
      responses: { actual: okWith({ ...allowApp, Location: "https://other.example/next" }, 302), redirects: [{ actual: okWith(allowApp) }] },
      verdict: "blocked",
      stage: "actual",
      rule: "allow-origin-mismatch",
    },
    {
      name: "redirect needs a new preflight",
      request: request({ method: "PUT" }),
      responses: {
        preflight: okWith({ ...allowApp, "Access-Control-Allow-Methods": "PUT" }, 204),
        actual: okWith({ ...allowApp, Location: "/next" }, 307),
        redirects: [{ preflight: okWith(allowApp, 204), actual: okWith(allowApp) }],
      },
      verdict: "blocked",
      stage: "preflight",
      rule: "method-not-allowed",
    },
    {
      name: "redirect to data:",
      request: request(),
      responses: { actual: okWith({ "Access-Control-Allow-Origin": "*", Location: "data:,x" }, 302) },
      verdict: "blocked",
      stage: "actual",
      rule: "redirect-scheme",
    },
    {
      name: "redirect whose response was not supplied",
      request: request(),
      responses: { actual: okWith({ "Access-Control-Allow-Origin": "*", Location: "/next" }, 302) },
      verdict: "allowed",
      warning: /no response for it was supplied/,
    },
  ])("$name", ({ request: req, responses, options, verdict, stage, rule, preflight, fix, warning }) => {
    const result = simulate(req, responses, options);
    expect(result.verdict).toBe(verdict);
    expect(result.stage).toBe(stage);
    expect(result.failure?.rule).toBe(rule);
    if (preflight !== undefined) expect(result.preflight.required).toBe(preflight);
    if (fix !== undefined) expect(result.failure?.fix).toBe(fix);
    if (warning !== undefined) expect(result.warnings.join("\n")).toMatch(warning);
    // Every step cites a section of a standard; a blocked result ends with its failing step.
    for (const step of result.steps) expect(step.spec).toMatch(/^https:\/\/(fetch\.spec\.whatwg\.org|wicg\.github\.io)\//);
    if (verdict === "blocked") expect(result.steps.at(-1)?.outcome).toBe("fail");
    else expect(result.failure).toBeUndefined();
  });

  it("describes the preflight request the browser sends", () => {
    const result = simulate(request({ method: "delete", headers: { "X-B": "1", "Content-Type": "application/json" } }), {
      preflight: okWith({ ...allowApp, "Access-Control-Allow-Methods": "DELETE", "Access-Control-Allow-Headers": "x-b, content-type", "Access-Control-Max-Age": "600" }, 204),
      actual: okWith(allowApp),
    });
    expect(result.preflight).toEqual({
      required: true,
      request: {
        method: "OPTIONS",
        url: API,
        headers: { Origin: APP, "Access-Control-Request-Method": "DELETE", "Access-Control-Request-Headers": "content-type,x-b" },
      },
      maxAgeSeconds: 600,
    });
    expect(result.steps.map((s) => s.id)).toEqual([
      "request-method",
      "request-headers",
      "cors-request",
      "preflight-needed",
      "preflight-allow-origin",
      "preflight-allow-credentials",
      "preflight-status",
      "preflight-allow-methods",
      "preflight-allow-headers",
      "preflight-cache",
      "actual-allow-origin",
      "actual-allow-credentials",
      "actual-response",
    ]);
  });

  it("prefixes the steps of redirect hops", () => {
    const result = simulate(request(), {
      actual: okWith({ "Access-Control-Allow-Origin": "*", Location: "/next" }, 302),
      redirects: [{ actual: okWith({ "Access-Control-Allow-Origin": "*" }) }],
    });
    expect(result.steps.map((s) => s.id)).toContain("redirect-1/actual-allow-origin");
  });
});
