// Property tests (fast-check), seeded with the malicious-origins table.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MALICIOUS_ORIGINS, REFERENCE_ALLOWED, REFERENCE_ALLOWLIST } from "./fixtures/malicious-origins";
import { buildMatcher } from "./origin-matcher";
import { parseOrigin } from "./origin-parse";
import { isPublicSuffix, registrableDomain } from "./origin-pattern";
import { readOriginRules } from "./origin-rules";
import { compilePolicy } from "./policy-compile";
import { evaluateRequest } from "./policy-evaluate";
import type { EvaluateRequest, PolicyInput } from "./types";

const RUNS = { numRuns: 500 };

const scheme = fc.constantFrom("http", "https");
const port = fc.oneof(fc.constant(""), fc.integer({ min: 1, max: 65535 }).map((p) => `:${p}`));
const host = fc.oneof(
  { weight: 4, arbitrary: fc.domain() },
  { weight: 1, arbitrary: fc.ipV4() },
  { weight: 1, arbitrary: fc.ipV6().map((ip) => `[${ip}]`) },
  { weight: 1, arbitrary: fc.constantFrom("localhost", "xn--bcher-kva.example", "b\u00fccher.example", "EXAMPLE.com") },
);
/** Canonical origins, as browsers serialize them (the URL Standard via the URL global). */
const canonicalOrigin = fc.tuple(scheme, host, port).map(([s, h, p]) => new URL(`${s}://${h}${p}`).origin);

const seeds = fc.constantFrom(...MALICIOUS_ORIGINS.map((row) => row.origin), ...REFERENCE_ALLOWED);
/**
 * Origins an attacker may send around a domain: seeds, canonical origins, junk,
 * and look-alikes built from the domain. Generated as functions of the domain
 * (one arbitrary built once — `chain` would rebuild arbitraries on every run).
 */
type OriginAround = { readonly describe: string; readonly build: (domain: string) => string };
const originAround: fc.Arbitrary<OriginAround> = fc.oneof(
  seeds.map((o) => ({ describe: o, build: () => o })),
  canonicalOrigin.map((o) => ({ describe: o, build: () => o })),
  fc.string({ unit: "binary", maxLength: 40 }).map((o) => ({ describe: JSON.stringify(o), build: () => o })),
  fc.tuple(scheme, fc.stringMatching(/^[a-z0-9.-]{0,12}$/), fc.stringMatching(/^[a-z0-9.-]{0,12}$/), port).map(([s, before, after, p]) => ({
    describe: `${s}://${before}<domain>${after}${p}`,
    build: (d: string) => `${s}://${before}${d}${after}${p}`,
  })),
  fc.tuple(scheme, fc.domain(), port).map(([s, sub, p]) => ({ describe: `${s}://${sub}.<domain>${p}`, build: (d: string) => `${s}://${sub}.${d}${p}` })),
);

describe("properties", () => {
  it("parse ∘ serialize is the identity on canonical origins", () => {
    fc.assert(
      fc.property(canonicalOrigin, (origin) => {
        const result = parseOrigin(origin);
        expect(result).toMatchObject({ ok: true, origin: { kind: "exact", value: origin } });
      }),
      RUNS,
    );
  });

  it("every origin of a web URL parses, and the URL itself gets the origin as its fix", () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ["http", "https"], withQueryParameters: true, withFragments: true }), (url) => {
        const origin = new URL(url).origin;
        expect(parseOrigin(origin)).toMatchObject({ ok: true, origin: { value: origin } });
        const result = parseOrigin(url);
        if (!result.ok) expect(result.problem.fix).toBe(origin);
      }),
      RUNS,
    );
  });

  it("every fix offered is canonical (parses cleanly to itself)", () => {
    fc.assert(
      fc.property(fc.oneof(seeds, fc.string({ maxLength: 30 }), canonicalOrigin.map((o) => `  ${o.toUpperCase()}:443/x?y `)), (input) => {
        const result = parseOrigin(input);
        if (!result.ok && result.problem.fix !== undefined) {
          expect(parseOrigin(result.problem.fix)).toMatchObject({ ok: true, origin: { value: result.problem.fix } });
        }
      }),
      RUNS,
    );
  });

  it("a wildcard pattern never accepts an origin outside its registrable domain", () => {
    const pattern = fc.tuple(scheme, fc.domain(), port).filter(([, d]) => !isPublicSuffix(d) && parseOrigin(`https://*.${d}`).ok);
    fc.assert(
      fc.property(
        pattern,
        originAround,
        ([s, d, p], around) => {
          const origin = around.build(d);
          const { rules } = readOriginRules([`${s}://*.${d}${p}`]);
          const accepted = buildMatcher(rules).match(origin).matched;
          if (!accepted) return;
          const url = new URL(origin);
          expect(url.origin).toBe(origin);
          expect(url.protocol).toBe(`${s}:`);
          expect(url.hostname.endsWith(`.${d}`)).toBe(true);
          expect(registrableDomain(url.hostname)).toBe(registrableDomain(d));
        },
      ),
      RUNS,
    );
  });

  it("the matcher agrees with a naive reference implementation", () => {
    const rule = fc.oneof(
      canonicalOrigin,
      fc.tuple(scheme, fc.domain(), port).map(([s, d, p]) => `${s}://*.${d}${p}`),
      fc.tuple(scheme, fc.domain()).map(([s, d]) => `${s}://${d}:*`),
    );
    fc.assert(
      fc.property(rule, fc.oneof(seeds, canonicalOrigin, fc.constantFrom("https://a.b.example.com", "http://localhost:3000")), (ruleText, origin) => {
        const { rules, problems } = readOriginRules([ruleText]);
        fc.pre(problems.length === 0);
        const spec = rules[0]!.origin;
        let expected = false;
        if (spec.kind === "exact") expected = origin === spec.value;
        else if (spec.kind === "pattern") {
          let url: URL | null = null;
          try {
            url = new URL(origin);
          } catch {
            url = null;
          }
          if (url !== null && url.origin === origin && url.protocol === `${spec.scheme}:`) {
            const portOk = spec.port === "*" || (spec.port === null ? url.port === "" : url.port === String(spec.port));
            const hostOk = spec.subdomains ? url.hostname.endsWith(`.${spec.host}`) : url.hostname === spec.host;
            expected = portOk && hostOk;
          }
        }
        expect(buildMatcher(rules).match(origin).matched).toBe(expected);
      }),
      RUNS,
    );
  });

  it("compile never throws on any list of strings, and reports problems instead", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(seeds, fc.string({ unit: "binary", maxLength: 60 })), { maxLength: 12 }), fc.boolean(), (origins, allowCredentials) => {
        const result = compilePolicy({ origins, allowCredentials });
        if (!result.ok) {
          expect(result.problems.length).toBeGreaterThan(0);
          for (const problem of result.problems) {
            expect(typeof problem.message).toBe("string");
            expect(problem.index === null || (problem.index >= 0 && problem.index < origins.length)).toBe(true);
          }
        } else {
          for (const rule of result.policy.rules) expect(parseOrigin(rule.origin.value)).toMatchObject({ ok: true, origin: { value: rule.origin.value } });
        }
      }),
      RUNS,
    );
  });

  it("compile never throws on anything at all", () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (policy, origins) => {
        expect(() => compilePolicy(policy as PolicyInput)).not.toThrow();
        expect(() => compilePolicy({ ...(typeof policy === "object" ? policy : {}), origins } as PolicyInput)).not.toThrow();
      }),
      RUNS,
    );
  });

  const policyArb = fc.record({
    origins: fc.array(
      fc.oneof(
        fc.constantFrom(...REFERENCE_ALLOWLIST, "*", "null", "https://*.example.com", "http://localhost:*"),
        seeds,
        fc.record({ value: fc.constantFrom("*", "https://*.example.com", "https://app.example"), expiresAt: fc.integer({ min: 0, max: 2000 }) }),
      ),
      { maxLength: 8 },
    ),
    allowCredentials: fc.boolean(),
    allowedMethods: fc.subarray(["PUT", "DELETE", "PATCH", "*"]),
    allowedHeaders: fc.subarray(["x-a", "authorization", "*"]),
    reflectRequestHeaders: fc.boolean(),
    exposedHeaders: fc.subarray(["x-id", "*"]),
    maxAgeSeconds: fc.option(fc.integer({ min: 0, max: 90000 })),
    noOrigin: fc.constantFrom("allow" as const, "reject" as const),
    allowPrivateNetwork: fc.boolean(),
  });
  const requestArb: fc.Arbitrary<EvaluateRequest> = fc.record({
    method: fc.constantFrom("GET", "POST", "OPTIONS", "options", "PUT"),
    origin: fc.oneof(seeds, canonicalOrigin, fc.constantFrom(undefined, null, "null", "*", "", "https://a.example.com", "https://app.example")),
    accessControlRequestMethod: fc.option(fc.constantFrom("GET", "PUT", "PATCH", "patch", "DELETE", "")),
    accessControlRequestHeaders: fc.option(fc.constantFrom("x-a", "authorization", "x-a, x-b", "", "X-A,Authorization")),
    accessControlRequestPrivateNetwork: fc.option(fc.constantFrom("true", true, "false")),
  });

  it("evaluation never sends * with credentials, never allows an origin the matcher refuses, always varies on Origin", () => {
    fc.assert(
      fc.property(policyArb, requestArb, fc.integer({ min: 0, max: 3000 }), (policy, request, now) => {
        const compiled = compilePolicy(policy);
        if (!compiled.ok) {
          // `*` with credentials can only end here
          return;
        }
        const p = compiled.policy;
        const result = evaluateRequest(p, request, { now });
        const h = result.headers;
        const acao = h["Access-Control-Allow-Origin"];
        // never * together with credentials
        expect(acao === "*" && h["Access-Control-Allow-Credentials"] === "true").toBe(false);
        if (h["Access-Control-Allow-Credentials"] !== undefined) expect(acao).toBe(request.origin);
        // never an origin the matcher doesn't accept
        if (acao !== undefined && acao !== "*") {
          expect(acao).toBe(request.origin);
          expect(p.match(acao, now).matched).toBe(true);
        }
        if (acao !== undefined && request.origin != null) expect(result.allowed).toBe(true);
        if (!result.allowed) {
          expect(Object.keys(h).filter((k) => k !== "Vary")).toEqual([]);
        }
        // Vary: Origin whenever the answer depends on the Origin
        if (!p.originIndependent || (result.kind === "no-origin" && !result.allowed)) {
          expect((h.Vary ?? "").split(", ")).toContain("Origin");
        }
        if (result.kind === "preflight") {
          expect(h.Vary).toContain("Access-Control-Request-Method, Access-Control-Request-Headers");
          expect(result.status).toBe(result.allowed ? 204 : 403);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("* with credentials never compiles", () => {
    fc.assert(
      fc.property(policyArb, (policy) => {
        const withStar = { ...policy, origins: [...policy.origins, "*"], allowCredentials: true };
        expect(compilePolicy(withStar).ok).toBe(false);
      }),
      RUNS,
    );
  });
});
