// "The dashboard's prediction is the service's behaviour": for a compiled
// policy, the headers `evaluateRequest` produces, fed to the browser simulator,
// give "allowed" exactly when evaluate allowed the request (its preflight, when
// the browser sends one, and the actual request).
//
// Request shapes are consistent: the preflight asked of evaluate is the one
// `planPreflight` says the browser sends, the actual request carries the
// normalized method, and the page only sends credentials ("include") to a
// policy that allows them — evaluate can't see cookies, so a credentialed
// fetch against a policy without credentials is blocked by the browser
// whatever the server's allowlist says (see README "Evaluate").

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "./policy-compile";
import { evaluateRequest } from "./policy-evaluate";
import { normalizeMethod } from "./simulate/method";
import { planPreflight } from "./simulate/preflight-request";
import { simulate } from "./simulate/simulate";
import type { CredentialsMode, ObservedResponse, SimulateRequest } from "./simulate/types";
import type { CompiledPolicy, EvaluateResult, OriginRuleInput, PolicyInput } from "./types";

const NOW = 1_700_000_000_000;
const API = "https://api.service.test/items";

const PAGE_ORIGINS = [
  "https://app.example.com",
  "https://a.b.example.com",
  "https://example.com",
  "https://evil-example.com",
  "https://example.com.evil.net",
  "http://app.example.com",
  "https://app.example.com:8443",
  "http://localhost:3000",
  "http://localhost",
  "https://localhost:3000",
  "http://[::1]:5173",
  "https://xn--bcher-kva.example",
  "https://partner.example.org",
  "https://expired.example.org",
  "null",
] as const;

const ruleArb: fc.Arbitrary<string | OriginRuleInput> = fc.oneof(
  fc.constantFrom(
    "https://*.example.com",
    "https://app.example.com",
    "http://localhost:*",
    "http://[::1]:5173",
    "https://xn--bcher-kva.example",
    "https://partner.example.org",
    "https://*.example.com:8443",
    "null",
    "*",
  ),
  fc.record({
    value: fc.constantFrom("https://expired.example.org", "https://*.example.com", "*", "https://partner.example.org"),
    expiresAt: fc.constantFrom(NOW - 1, NOW, NOW + 1, NOW + 86_400_000),
  }),
);

const withoutStar = <T extends string | OriginRuleInput>(list: readonly T[]): T[] => list.filter((item) => (typeof item === "string" ? item : item.value) !== "*");

/** Valid policies: `*` (origins, methods, headers) only without credentials, as compile demands. */
const policyArb: fc.Arbitrary<PolicyInput> = fc
  .record({
    origins: fc.uniqueArray(ruleArb, { maxLength: 5, selector: (r) => (typeof r === "string" ? r : r.value) }),
    allowCredentials: fc.boolean(),
    allowedMethods: fc.subarray(["PUT", "put", "DELETE", "PATCH", "patch", "OPTIONS", "X-Custom", "*"]),
    allowedHeaders: fc.subarray(["x-foo", "X-Bar", "content-type", "Authorization", "accept", "*"]),
    reflectRequestHeaders: fc.boolean(),
    exposedHeaders: fc.subarray(["x-request-id"]),
    maxAgeSeconds: fc.option(fc.integer({ min: 0, max: 90_000 })),
    noOrigin: fc.constantFrom("allow" as const, "reject" as const),
    allowPrivateNetwork: fc.boolean(),
  })
  .map((policy) =>
    policy.allowCredentials
      ? { ...policy, origins: withoutStar(policy.origins), allowedMethods: withoutStar(policy.allowedMethods), allowedHeaders: withoutStar(policy.allowedHeaders) }
      : policy,
  );

const headersArb: fc.Arbitrary<Record<string, string>> = fc
  .record(
    {
      "X-Foo": fc.constant("1"),
      "x-bar": fc.constant("2"),
      "Content-Type": fc.constantFrom("text/plain;charset=utf-8", "application/json", "multipart/form-data; boundary=x", "text/plain(x)"),
      Authorization: fc.constant("Bearer t"),
      Accept: fc.constantFrom("application/json", "a".repeat(129), "text/html@x"),
      "Accept-Language": fc.constantFrom("en-US,en;q=0.9", "a".repeat(120)),
      "Content-Language": fc.constantFrom("de", "a".repeat(128)),
      Range: fc.constantFrom("bytes=0-", "bytes=-5"),
      DPR: fc.constant("2"),
      "User-Agent": fc.constant("bot"),
    },
    { requiredKeys: [] },
  )
  .map((h) => ({ ...h }));

const methodArb = fc.constantFrom("GET", "get", "HEAD", "POST", "post", "PUT", "put", "Put", "PATCH", "patch", "DELETE", "OPTIONS", "X-Custom", "x-custom");

function response(result: EvaluateResult, defaultStatus: number): ObservedResponse {
  return { status: result.status ?? defaultStatus, headers: result.headers };
}

interface Outcome {
  readonly preflighted: boolean;
  readonly evaluateAllowed: boolean;
  readonly simulateAllowed: boolean;
  readonly detail: unknown;
}

function run(policy: CompiledPolicy, request: SimulateRequest): Outcome {
  const plan = planPreflight(request);
  const method = normalizeMethod(request.method);
  const preflight = plan.request
    ? evaluateRequest(
        policy,
        {
          method: "OPTIONS",
          origin: plan.request.headers.Origin ?? null,
          accessControlRequestMethod: plan.request.headers["Access-Control-Request-Method"] ?? null,
          accessControlRequestHeaders: plan.request.headers["Access-Control-Request-Headers"] ?? null,
        },
        { now: NOW },
      )
    : undefined;
  const actual = evaluateRequest(policy, { method, origin: request.origin }, { now: NOW });
  const result = simulate(request, {
    ...(preflight ? { preflight: response(preflight, 204) } : {}),
    actual: response(actual, 200),
  });
  return {
    preflighted: preflight !== undefined,
    evaluateAllowed: (preflight?.allowed ?? true) && actual.allowed,
    simulateAllowed: result.verdict === "allowed",
    detail: { plan, preflight, actual, failure: result.failure },
  };
}

describe("evaluate and simulate agree", () => {
  it("feeding evaluate's headers to the simulator gives 'allowed' exactly when evaluate allowed", () => {
    const seen = { allowed: 0, blocked: 0, preflighted: 0, credentialed: 0 };
    fc.assert(
      fc.property(
        policyArb,
        fc.constantFrom(...PAGE_ORIGINS),
        methodArb,
        headersArb,
        fc.constantFrom<CredentialsMode>("omit", "same-origin", "include"),
        (input, origin, method, headers, credentialsWanted) => {
          const compiled = compilePolicy(input);
          expect(compiled.ok, JSON.stringify(input)).toBe(true);
          if (!compiled.ok) return;
          const credentials: CredentialsMode = credentialsWanted === "include" && !compiled.policy.settings.allowCredentials ? "omit" : credentialsWanted;
          const outcome = run(compiled.policy, { origin, url: API, method, headers, credentials });
          expect(outcome.simulateAllowed, JSON.stringify(outcome.detail)).toBe(outcome.evaluateAllowed);
          seen[outcome.evaluateAllowed ? "allowed" : "blocked"]++;
          if (outcome.preflighted) seen.preflighted++;
          if (credentials === "include" && outcome.evaluateAllowed) seen.credentialed++;
        },
      ),
      { numRuns: 3000 },
    );
    // not vacuous: both answers, preflights and credentialed successes all occur
    expect(seen.allowed).toBeGreaterThan(150);
    expect(seen.blocked).toBeGreaterThan(150);
    expect(seen.preflighted).toBeGreaterThan(150);
    expect(seen.credentialed).toBeGreaterThan(5);
  });

  it.each([
    // [policy, page origin, method, headers, credentials, allowed]
    [{ origins: ["https://*.example.com"], allowCredentials: true, allowedMethods: ["PUT"] }, "https://app.example.com", "put", {}, "include", true],
    [{ origins: ["https://*.example.com"], allowedMethods: ["PATCH"] }, "https://app.example.com", "patch", {}, "omit", false],
    [{ origins: ["https://*.example.com"], allowedMethods: ["patch"] }, "https://app.example.com", "patch", {}, "omit", true],
    [{ origins: ["*"], allowedHeaders: ["*"] }, "https://x.test", "GET", { Authorization: "Bearer t" }, "omit", false],
    [{ origins: ["*"], allowedHeaders: ["*", "authorization"] }, "https://x.test", "GET", { Authorization: "Bearer t" }, "omit", true],
    [{ origins: ["null"], allowCredentials: true }, "null", "GET", {}, "include", true],
    [{ origins: ["https://*.example.com"] }, "https://example.com", "GET", {}, "omit", false],
    [{ origins: ["https://app.example.com"], reflectRequestHeaders: true }, "https://app.example.com", "POST", { "Content-Type": "application/json", "X-Foo": "1" }, "omit", true],
    [{ origins: ["https://app.example.com"] }, "https://app.example.com", "GET", { Accept: "a".repeat(129) }, "omit", false],
    [{ origins: ["https://app.example.com"], allowedHeaders: ["Accept"] }, "https://app.example.com", "GET", { Accept: "a".repeat(129) }, "omit", true],
  ] as const)("%j from %s: %s %j (%s) → allowed %s", (input, origin, method, headers, credentials, allowed) => {
    const compiled = compilePolicy(input as PolicyInput);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const outcome = run(compiled.policy, { origin, url: API, method, headers, credentials });
    expect(outcome.evaluateAllowed).toBe(allowed);
    expect(outcome.simulateAllowed).toBe(allowed);
  });
});
