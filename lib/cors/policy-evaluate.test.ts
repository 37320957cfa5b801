import { describe, expect, it } from "vitest";
import { compilePolicy } from "./policy-compile";
import { evaluateRequest } from "./policy-evaluate";
import type { CompiledPolicy, EvaluateRequest, EvaluateResult, PolicyInput } from "./types";

function compiled(input: PolicyInput): CompiledPolicy {
  const result = compilePolicy(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.policy;
}

const APP: PolicyInput = {
  origins: ["https://app.example", "https://*.tenants.example", "http://localhost:*", "null"],
  allowCredentials: true,
  allowedMethods: ["PUT", "DELETE", "PATCH"],
  allowedHeaders: ["Content-Type", "X-Request-Id", "Authorization"],
  exposedHeaders: ["X-Request-Id", "ETag"],
  maxAgeSeconds: 600,
};
const PUBLIC: PolicyInput = { origins: ["*"], allowedMethods: ["*"], allowedHeaders: ["*"], exposedHeaders: ["*"], maxAgeSeconds: 60 };
const PREFLIGHT_VARY = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

interface Case {
  readonly name: string;
  readonly policy: PolicyInput;
  readonly request: EvaluateRequest;
  readonly now?: number;
  readonly expect: Omit<EvaluateResult, "reason" | "matchedRule"> & { readonly reason: EvaluateResult["reason"]["code"] };
}

const CASES: readonly Case[] = [
  // actual requests
  {
    name: "actual, exact origin, credentials",
    policy: APP,
    request: { method: "GET", origin: "https://app.example" },
    expect: {
      kind: "actual",
      allowed: true,
      reason: "matched-exact",
      status: null,
      headers: {
        "Access-Control-Allow-Origin": "https://app.example",
        "Access-Control-Allow-Credentials": "true",
        "Access-Control-Expose-Headers": "x-request-id, etag",
        Vary: "Origin",
      },
    },
  },
  {
    name: "actual, wildcard origin reflects the exact origin",
    policy: APP,
    request: { method: "POST", origin: "https://acme.tenants.example" },
    expect: {
      kind: "actual",
      allowed: true,
      reason: "matched-pattern",
      status: null,
      headers: {
        "Access-Control-Allow-Origin": "https://acme.tenants.example",
        "Access-Control-Allow-Credentials": "true",
        "Access-Control-Expose-Headers": "x-request-id, etag",
        Vary: "Origin",
      },
    },
  },
  {
    name: "actual, null origin listed",
    policy: APP,
    request: { method: "GET", origin: "null" },
    expect: {
      kind: "actual",
      allowed: true,
      reason: "matched-null",
      status: null,
      headers: { "Access-Control-Allow-Origin": "null", "Access-Control-Allow-Credentials": "true", "Access-Control-Expose-Headers": "x-request-id, etag", Vary: "Origin" },
    },
  },
  {
    name: "actual, origin not allowed: no CORS headers, still Vary",
    policy: APP,
    request: { method: "GET", origin: "https://evil.example" },
    expect: { kind: "actual", allowed: false, reason: "origin-not-allowed", status: null, headers: { Vary: "Origin" } },
  },
  {
    name: "actual, OPTIONS without Access-Control-Request-Method is not a preflight",
    policy: APP,
    request: { method: "OPTIONS", origin: "https://app.example" },
    expect: {
      kind: "actual",
      allowed: true,
      reason: "matched-exact",
      status: null,
      headers: { "Access-Control-Allow-Origin": "https://app.example", "Access-Control-Allow-Credentials": "true", "Access-Control-Expose-Headers": "x-request-id, etag", Vary: "Origin" },
    },
  },
  {
    name: "actual, empty Origin header is present and refused",
    policy: APP,
    request: { method: "GET", origin: "" },
    expect: { kind: "actual", allowed: false, reason: "origin-not-allowed", status: null, headers: { Vary: "Origin" } },
  },
  {
    name: "actual, * without credentials: no Vary needed",
    policy: PUBLIC,
    request: { method: "GET", origin: "https://anyone.example" },
    expect: { kind: "actual", allowed: true, reason: "matched-any", status: null, headers: { "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "*" } },
  },
  {
    name: "actual, expiring *: Vary: Origin kept",
    policy: { origins: [{ value: "*", expiresAt: 10_000 }] },
    request: { method: "GET", origin: "https://anyone.example" },
    now: 5_000,
    expect: { kind: "actual", allowed: true, reason: "matched-any", status: null, headers: { "Access-Control-Allow-Origin": "*", Vary: "Origin" } },
  },
  {
    name: "actual, expired rule",
    policy: { origins: [{ value: "https://old.example", expiresAt: 10_000 }] },
    request: { method: "GET", origin: "https://old.example" },
    now: 10_000,
    expect: { kind: "actual", allowed: false, reason: "origin-rule-expired", status: null, headers: { Vary: "Origin" } },
  },
  {
    name: "actual, empty allowlist allows nothing (never *)",
    policy: { origins: [] },
    request: { method: "GET", origin: "https://app.example" },
    expect: { kind: "actual", allowed: false, reason: "origin-not-allowed", status: null, headers: { Vary: "Origin" } },
  },
  // no Origin
  {
    name: "no Origin: passed through, Vary: Origin for caches",
    policy: APP,
    request: { method: "GET" },
    expect: { kind: "no-origin", allowed: true, reason: "no-origin-pass-through", status: null, headers: { Vary: "Origin" } },
  },
  {
    name: "no Origin (null): same as absent",
    policy: APP,
    request: { method: "GET", origin: null },
    expect: { kind: "no-origin", allowed: true, reason: "no-origin-pass-through", status: null, headers: { Vary: "Origin" } },
  },
  {
    name: "no Origin, OPTIONS with Access-Control-Request-Method: not a preflight",
    policy: APP,
    request: { method: "OPTIONS", accessControlRequestMethod: "PUT" },
    expect: { kind: "no-origin", allowed: true, reason: "no-origin-pass-through", status: null, headers: { Vary: "Origin" } },
  },
  {
    name: "no Origin, policy rejects: 403",
    policy: { ...APP, noOrigin: "reject" },
    request: { method: "GET" },
    expect: { kind: "no-origin", allowed: false, reason: "no-origin-rejected", status: 403, headers: { Vary: "Origin" } },
  },
  {
    name: "no Origin, * policy: same answer as with an Origin",
    policy: PUBLIC,
    request: { method: "GET" },
    expect: { kind: "no-origin", allowed: true, reason: "no-origin-pass-through", status: null, headers: { "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "*" } },
  },
  // preflights
  {
    name: "preflight allowed",
    policy: APP,
    request: { method: "OPTIONS", origin: "https://app.example", accessControlRequestMethod: "PUT", accessControlRequestHeaders: "content-type,x-request-id" },
    expect: {
      kind: "preflight",
      allowed: true,
      reason: "matched-exact",
      status: 204,
      headers: {
        "Access-Control-Allow-Origin": "https://app.example",
        "Access-Control-Allow-Credentials": "true",
        "Access-Control-Allow-Methods": "PUT, DELETE, PATCH",
        "Access-Control-Allow-Headers": "content-type, x-request-id, authorization",
        "Access-Control-Max-Age": "600",
        Vary: PREFLIGHT_VARY,
      },
    },
  },
  {
    name: "preflight for a safelisted method not listed",
    policy: APP,
    request: { method: "OPTIONS", origin: "http://localhost:5173", accessControlRequestMethod: "POST", accessControlRequestHeaders: "x-request-id" },
    expect: {
      kind: "preflight",
      allowed: true,
      reason: "matched-pattern",
      status: 204,
      headers: {
        "Access-Control-Allow-Origin": "http://localhost:5173",
        "Access-Control-Allow-Credentials": "true",
        "Access-Control-Allow-Methods": "PUT, DELETE, PATCH",
        "Access-Control-Allow-Headers": "content-type, x-request-id, authorization",
        "Access-Control-Max-Age": "600",
        Vary: PREFLIGHT_VARY,
      },
    },
  },
  {
    name: "preflight, origin refused: 403 without CORS headers",
    policy: APP,
    request: { method: "OPTIONS", origin: "https://evil.example", accessControlRequestMethod: "PUT" },
    expect: { kind: "preflight", allowed: false, reason: "origin-not-allowed", status: 403, headers: { Vary: PREFLIGHT_VARY } },
  },
  {
    name: "preflight, method not listed",
    policy: APP,
    request: { method: "OPTIONS", origin: "https://app.example", accessControlRequestMethod: "PURGE" },
    expect: { kind: "preflight", allowed: false, reason: "method-not-allowed", status: 403, headers: { Vary: PREFLIGHT_VARY } },
  },
  {
    name: "preflight, methods are case-sensitive (patch ≠ PATCH)",
    policy: APP,
    request: { method: "OPTIONS", origin: "https://app.example", accessControlRequestMethod: "patch" },
    expect: { kind: "preflight", allowed: false, reason: "method-not-allowed", status: 403, headers: { Vary: PREFLIGHT_VARY } },
  },
  {
    name: "preflight, header not listed",
    policy: APP,
    request: { method: "OPTIONS", origin: "https://app.example", accessControlRequestMethod: "PUT", accessControlRequestHeaders: "x-request-id, x-debug" },
    expect: { kind: "preflight", allowed: false, reason: "headers-not-allowed", status: 403, headers: { Vary: PREFLIGHT_VARY } },
  },
  {
    name: "preflight, reflect mode echoes the requested headers",
    policy: { origins: ["https://app.example"], reflectRequestHeaders: true },
    request: { method: "OPTIONS", origin: "https://app.example", accessControlRequestMethod: "GET", accessControlRequestHeaders: "X-Anything, x-other" },
    expect: {
      kind: "preflight",
      allowed: true,
      reason: "matched-exact",
      status: 204,
      headers: { "Access-Control-Allow-Origin": "https://app.example", "Access-Control-Allow-Headers": "x-anything, x-other", Vary: PREFLIGHT_VARY },
    },
  },
  {
    name: "preflight, * policy: wildcards, Vary without Origin",
    policy: PUBLIC,
    request: { method: "OPTIONS", origin: "https://anyone.example", accessControlRequestMethod: "DELETE", accessControlRequestHeaders: "x-a" },
    expect: {
      kind: "preflight",
      allowed: true,
      reason: "matched-any",
      status: 204,
      headers: {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": "*",
        "Access-Control-Allow-Headers": "*",
        "Access-Control-Max-Age": "60",
        Vary: "Access-Control-Request-Method, Access-Control-Request-Headers",
      },
    },
  },
  {
    name: "preflight, * headers don't cover Authorization",
    policy: PUBLIC,
    request: { method: "OPTIONS", origin: "https://anyone.example", accessControlRequestMethod: "GET", accessControlRequestHeaders: "authorization" },
    expect: { kind: "preflight", allowed: false, reason: "headers-not-allowed", status: 403, headers: { Vary: "Access-Control-Request-Method, Access-Control-Request-Headers" } },
  },
  {
    name: "preflight, private network asked and allowed",
    policy: { origins: ["https://app.example"], allowPrivateNetwork: true },
    request: { method: "OPTIONS", origin: "https://app.example", accessControlRequestMethod: "GET", accessControlRequestPrivateNetwork: "true" },
    expect: {
      kind: "preflight",
      allowed: true,
      reason: "matched-exact",
      status: 204,
      headers: {
        "Access-Control-Allow-Origin": "https://app.example",
        "Access-Control-Allow-Private-Network": "true",
        Vary: `${PREFLIGHT_VARY}, Access-Control-Request-Private-Network`,
      },
    },
  },
  {
    name: "preflight, private network enabled but not asked",
    policy: { origins: ["https://app.example"], allowPrivateNetwork: true },
    request: { method: "OPTIONS", origin: "https://app.example", accessControlRequestMethod: "GET" },
    expect: {
      kind: "preflight",
      allowed: true,
      reason: "matched-exact",
      status: 204,
      headers: { "Access-Control-Allow-Origin": "https://app.example", Vary: `${PREFLIGHT_VARY}, Access-Control-Request-Private-Network` },
    },
  },
  {
    name: "preflight, private network asked but not allowed",
    policy: { origins: ["https://app.example"] },
    request: { method: "OPTIONS", origin: "https://app.example", accessControlRequestMethod: "GET", accessControlRequestPrivateNetwork: "true" },
    expect: { kind: "preflight", allowed: false, reason: "private-network-not-allowed", status: 403, headers: { Vary: PREFLIGHT_VARY } },
  },
  {
    name: "preflight, expired rule",
    policy: { origins: [{ value: "https://*.old.example", expiresAt: "2020-01-01T00:00:00Z" }] },
    request: { method: "OPTIONS", origin: "https://a.old.example", accessControlRequestMethod: "GET" },
    now: Date.parse("2024-01-01T00:00:00Z"),
    expect: { kind: "preflight", allowed: false, reason: "origin-rule-expired", status: 403, headers: { Vary: PREFLIGHT_VARY } },
  },
  {
    name: "preflight, max-age 0 is sent",
    policy: { origins: ["https://app.example"], maxAgeSeconds: 0 },
    request: { method: "options", origin: "https://app.example", accessControlRequestMethod: "GET" },
    expect: {
      kind: "preflight",
      allowed: true,
      reason: "matched-exact",
      status: 204,
      headers: { "Access-Control-Allow-Origin": "https://app.example", "Access-Control-Max-Age": "0", Vary: PREFLIGHT_VARY },
    },
  },
];

describe("evaluateRequest", () => {
  it.each(CASES)("$name", ({ policy, request, now, expect: expected }) => {
    const result = evaluateRequest(compiled(policy), request, now === undefined ? {} : { now });
    expect({ ...result, reason: result.reason.code, matchedRule: undefined }).toEqual({ ...expected, matchedRule: undefined });
    expect(result.reason.message).toMatch(/\.$/);
  });

  it("reports the rule that matched", () => {
    const result = evaluateRequest(compiled(APP), { method: "GET", origin: "https://x.tenants.example" });
    expect(result.matchedRule).toEqual({ index: 1, value: "https://*.tenants.example" });
    expect(result.reason.message).toContain("https://*.tenants.example (entry 2)");
  });

  it("names the refused method and headers in the reason, so a service can say what to add", () => {
    const policy = compiled(APP);
    const method = evaluateRequest(policy, { method: "OPTIONS", origin: "https://app.example", accessControlRequestMethod: "PURGE" });
    expect(method.reason).toMatchObject({ code: "method-not-allowed", method: "PURGE" });
    const headers = evaluateRequest(policy, { method: "OPTIONS", origin: "https://app.example", accessControlRequestMethod: "PUT", accessControlRequestHeaders: "Content-Type, X-Trace, x-b3" });
    expect(headers.reason).toMatchObject({ code: "headers-not-allowed", headers: ["x-trace", "x-b3"] });
    expect(evaluateRequest(policy, { method: "GET", origin: "https://evil.example" }).reason).not.toHaveProperty("headers");
  });

  it("accepts now as a Date", () => {
    const policy = compiled({ origins: [{ value: "https://a.example", expiresAt: "2030-01-01T00:00:00Z" }] });
    expect(evaluateRequest(policy, { method: "GET", origin: "https://a.example" }, { now: new Date("2029-01-01") }).allowed).toBe(true);
    expect(evaluateRequest(policy, { method: "GET", origin: "https://a.example" }, { now: new Date("2031-01-01") }).allowed).toBe(false);
  });
});

describe("evaluateRequest: Vary with a * policy that rejects requests without Origin", () => {
  it("keeps Vary: Origin, since the answer depends on the header's presence", () => {
    const policy = compiled({ origins: ["*"], noOrigin: "reject" });
    expect(policy.originIndependent).toBe(false);
    expect(evaluateRequest(policy, { method: "GET", origin: "https://a.example" }).headers).toEqual({ "Access-Control-Allow-Origin": "*", Vary: "Origin" });
    expect(evaluateRequest(policy, { method: "GET" })).toMatchObject({ allowed: false, status: 403, headers: { Vary: "Origin" } });
  });
});

describe("evaluateRequest: answers that don't depend on the request are built once per rule", () => {
  it("returns one frozen answer per exact rule, and a pattern's answer names each request's origin", () => {
    const policy = compiled(APP);
    const first = evaluateRequest(policy, { method: "GET", origin: "https://app.example" });
    const again = evaluateRequest(policy, { method: "GET", origin: "https://app.example" });
    expect(again).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.headers) && Object.isFrozen(first.reason)).toBe(true);
    expect(first.headers["Access-Control-Allow-Origin"]).toBe("https://app.example");
    const a = evaluateRequest(policy, { method: "GET", origin: "https://a.tenants.example" });
    const b = evaluateRequest(policy, { method: "GET", origin: "https://b.tenants.example" });
    expect([a.headers["Access-Control-Allow-Origin"], b.headers["Access-Control-Allow-Origin"]]).toEqual(["https://a.tenants.example", "https://b.tenants.example"]);
    // another compiled policy, another answer
    expect(evaluateRequest(compiled({ ...APP, allowCredentials: false }), { method: "GET", origin: "https://app.example" }).headers).not.toHaveProperty("Access-Control-Allow-Credentials");
  });

  it("shares a preflight's answer only when it reflects nothing of the request", () => {
    const policy = compiled({ ...APP, allowPrivateNetwork: true });
    const ask = (headers: string, pna?: string) =>
      evaluateRequest(policy, { method: "OPTIONS", origin: "https://app.example", accessControlRequestMethod: "PUT", accessControlRequestHeaders: headers, accessControlRequestPrivateNetwork: pna ?? null });
    expect(ask("content-type")).toBe(ask("x-request-id"));
    expect(ask("content-type", "true").headers).toHaveProperty("Access-Control-Allow-Private-Network", "true");
    expect(ask("content-type").headers).not.toHaveProperty("Access-Control-Allow-Private-Network");
    expect(ask("x-trace").allowed).toBe(false);
    const reflecting = compiled({ ...APP, reflectRequestHeaders: true });
    const reflect = (headers: string) => evaluateRequest(reflecting, { method: "OPTIONS", origin: "https://app.example", accessControlRequestMethod: "PUT", accessControlRequestHeaders: headers });
    expect(reflect("x-a").headers["Access-Control-Allow-Headers"]).toBe("x-a");
    expect(reflect("x-b").headers["Access-Control-Allow-Headers"]).toBe("x-b");
  });
});
