// Regression tests from the adversarial review of the CORS core: each case
// failed (threw, answered wrongly or took seconds) before its fix.

import { describe, expect, it } from "vitest";
import { applyFixes } from "./apply-fix";
import { lintPolicy } from "./lint";
import { parseOriginList } from "./origin-list";
import { parseOrigin } from "./origin-parse";
import { compilePolicy } from "./policy-compile";
import { evaluateRequest } from "./policy-evaluate";
import { previewRule } from "./preview";
import type { CompiledPolicy, EvaluateRequest, LintEnvironment, PolicyInput } from "./types";

function compile(input: PolicyInput): CompiledPolicy {
  const result = compilePolicy(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.policy;
}

describe("matching cost does not grow with the square of the Origin header", () => {
  // An attacker controls the Origin header: thousands of labels used to cost a
  // hash of every suffix (≈250 ms of CPU per 16 kB request).
  const policy = compile({ origins: ["https://*.example.com", "https://*.example.org:*", "https://app.example.net"] });
  const manyLabels = `https://${"a.".repeat(8000)}example.net`;
  const manyLabelsUnder = `https://${"a.".repeat(8000)}example.com`;

  it("answers a 16 kB Origin of 8,000 labels in well under a millisecond each", () => {
    const started = performance.now();
    for (let i = 0; i < 40; i++) {
      expect(evaluateRequest(policy, { method: "GET", origin: manyLabels }).allowed).toBe(false);
    }
    // before the fix: ~10 s on the dev machine; after: a few ms
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("still matches long hosts under a pattern, and long pattern bases", () => {
    expect(evaluateRequest(policy, { method: "GET", origin: manyLabelsUnder }).allowed).toBe(true);
    const base = `${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.example.com`;
    const long = compile({ origins: [`https://*.${base}`, "https://*.example.org"] });
    expect(long.match(`https://x.${base}`).matched).toBe(true);
    expect(long.match(`https://x.y.${base}`).matched).toBe(true);
    expect(long.match(`https://${base}`).matched).toBe(false);
    expect(long.match(`https://x${base}`).matched).toBe(false);
    expect(long.match("https://a.example.org").matched).toBe(true);
  });
});

describe("expiry dates outside the ECMAScript time range", () => {
  // `new Date(1e20).toISOString()` throws: such a rule used to compile, then
  // made evaluateRequest and lintPolicy throw once it was (always) expired.
  it.each([-1e20, 1e20, 8.64e15 + 1, -8.64e15 - 1, Number.MAX_VALUE])("expiresAt %d is an invalid-expiry problem", (expiresAt) => {
    const result = compilePolicy({ origins: [{ value: "https://a.example", expiresAt }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.code)).toEqual(["invalid-expiry"]);
    expect(() => lintPolicy({ origins: [{ value: "https://a.example", expiresAt }] }, { protected: true })).not.toThrow();
    expect(previewRule({ value: "https://a.example", expiresAt }).ok).toBe(false);
  });

  it("accepts the limits of the range, and evaluates them without throwing", () => {
    const policy = compile({ origins: [{ value: "https://a.example", expiresAt: -8.64e15 }, { value: "https://b.example", expiresAt: 8.64e15 }] });
    const a = evaluateRequest(policy, { method: "GET", origin: "https://a.example" });
    expect(a).toMatchObject({ allowed: false, reason: { code: "origin-rule-expired" } });
    expect(evaluateRequest(policy, { method: "GET", origin: "https://b.example" }).allowed).toBe(true);
    expect(evaluateRequest(policy, { method: "GET", origin: "https://b.example" }, { now: 8.64e15 }).allowed).toBe(false);
    expect(lintPolicy({ origins: [{ value: "https://a.example", expiresAt: -8.64e15 }] }, { protected: false }, { now: 0 })[0]?.code).toBe("expired-rule");
  });
});

describe("never throws on values that can't be turned into text", () => {
  const bare = () => Object.create(null) as unknown;
  const throwingToString = () => ({
    toString() {
      throw new Error("no");
    },
  });

  it("parseOrigin and parseOriginList", () => {
    expect(parseOrigin(bare() as string)).toMatchObject({ ok: false, problem: { code: "invalid-type" } });
    expect(parseOrigin(throwingToString() as unknown as string)).toMatchObject({ ok: false, problem: { code: "invalid-type" } });
    expect(parseOriginList([bare() as string, "https://a.example"]).problems.map((p) => p.code)).toEqual(["invalid-type"]);
  });

  it("compilePolicy, even when a getter throws something that has no text form", () => {
    const cases: unknown[] = [
      { origins: [bare()] },
      { origins: bare() },
      { origins: [{ value: "https://a.example", expiresAt: bare() }] },
      {
        get origins() {
          throw bare();
        },
      },
      {
        get origins() {
          throw throwingToString();
        },
      },
      new Proxy(
        {},
        {
          get() {
            throw {
              get message() {
                throw new Error("no");
              },
              toString() {
                throw new Error("no");
              },
            };
          },
        },
      ),
    ];
    for (const input of cases) {
      let result: ReturnType<typeof compilePolicy> | undefined;
      expect(() => (result = compilePolicy(input as PolicyInput))).not.toThrow();
      expect(result?.ok).toBe(false);
    }
    const expiry = compilePolicy({ origins: [{ value: "https://a.example", expiresAt: bare() }] } as unknown as PolicyInput);
    if (!expiry.ok) expect(expiry.problems[0]?.code).toBe("invalid-expiry");
  });

  it("lintPolicy (documented: never throws), hostile policies and a missing environment included", () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const cases: unknown[] = [
      { origins: [bare()] },
      { origins: bare() },
      { origins: [{ value: "https://a.example", expiresAt: bare() }] },
      {
        get origins() {
          throw new Error("boom");
        },
      },
      proxy,
    ];
    for (const input of cases) {
      let findings: ReturnType<typeof lintPolicy> = [];
      expect(() => (findings = lintPolicy(input as PolicyInput, { protected: true }))).not.toThrow();
      expect(findings.some((f) => f.severity === "error")).toBe(true);
    }
    // no environment: linted as a protected one (the strictest)
    const findings = lintPolicy({ origins: ["null"] }, undefined as unknown as LintEnvironment);
    expect(findings.find((f) => f.code === "null-origin")?.severity).toBe("error");
  });

  it("evaluateRequest given no request, or no options", () => {
    const policy = compile({ origins: ["https://a.example"] });
    expect(evaluateRequest(policy, null as unknown as EvaluateRequest)).toMatchObject({ kind: "no-origin", allowed: true, headers: { Vary: "Origin" } });
    expect(evaluateRequest(policy, { method: "GET", origin: "https://a.example" }, null as never).allowed).toBe(true);
  });
});

describe("invisible characters the URL parser would silently drop are refused, without a fix", () => {
  // IDNA maps these to nothing, so `https://exa\u034Fmple.com` used to be a
  // not-canonical problem whose one-click fix was https://example.com.
  it.each([
    ["combining grapheme joiner", "\u034f"],
    ["variation selector 16", "\ufe0f"],
    ["Mongolian free variation selector", "\u180b"],
    ["Mongolian vowel separator", "\u180e"],
    ["shorthand format control", "\u{1bca0}"],
    ["variation selector supplement", "\u{e0100}"],
    ["tag character", "\u{e0041}"],
    ["bidi isolate", "\u2066"],
    ["Arabic letter mark", "\u061c"],
    ["Hangul filler", "\u3164"],
    ["word joiner", "\u2060"],
  ])("%s", (_name, c) => {
    for (const input of [`https://exa${c}mple.com`, `https://*.exa${c}mple.com`, `https://example.com${c}`, `exa${c}mple.com`]) {
      const result = parseOrigin(input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, problem: { code: "invalid-character" } });
      if (!result.ok) expect(result.problem.fix).toBeUndefined();
    }
  });

  it("still fixes visible non-canonical spellings", () => {
    expect(parseOrigin("https://bücher.example")).toMatchObject({ ok: false, problem: { code: "not-canonical", fix: "https://xn--bcher-kva.example" } });
    expect(parseOrigin("https://ｅｘａｍｐｌｅ.com")).toMatchObject({ ok: false, problem: { fix: "https://example.com" } });
    expect(parseOrigin("\ufeffhttps://example.com")).toMatchObject({ ok: false, problem: { code: "surrounding-whitespace", fix: "https://example.com" } });
  });
});

describe("a wildcard in front of an IPv6 address", () => {
  it.each(["https://*.[::1]", "http://*.[::1]:3000", "https://*.[2001:db8::1]"])("%s is wildcard-ip (was invalid-port)", (input) => {
    expect(parseOrigin(input)).toMatchObject({ ok: false, problem: { code: "wildcard-ip" } });
  });
});

describe("the https twin offered by the insecure-origin lint is canonical", () => {
  it("drops https's default port", () => {
    const findings = lintPolicy({ origins: ["http://example.com:443", "http://*.example.org:443"] }, { protected: true });
    const values = findings.filter((f) => f.code === "insecure-origin").map((f) => f.fix?.value);
    expect(values).toEqual(["https://example.com", "https://*.example.org"]);
    for (const value of values) expect(parseOrigin(value ?? "")).toMatchObject({ ok: true, origin: { value } });
  });

  it("offers removal when the canonical twin is listed", () => {
    const policy: PolicyInput = { origins: ["http://example.com:443", "https://example.com"] };
    const finding = lintPolicy(policy, { protected: true }).find((f) => f.code === "insecure-origin");
    expect(finding?.fix?.patch).toEqual({ op: "remove-origin", index: 0 });
    const fixed = applyFixes(policy, finding?.fix ? [finding.fix.patch] : []);
    expect(fixed.origins).toEqual(["https://example.com"]);
    expect(compilePolicy(fixed).ok).toBe(true);
  });
});

describe("evaluate reads the method as bytes", () => {
  it("a method that only Unicode case mapping turns into OPTIONS is not a preflight", () => {
    const policy = compile({ origins: ["https://a.example"] });
    const request = { method: "opt\u0131ons", origin: "https://a.example", accessControlRequestMethod: "DELETE" };
    expect(evaluateRequest(policy, request).kind).toBe("actual");
    expect(evaluateRequest(policy, { ...request, method: "options" }).kind).toBe("preflight");
  });
});

describe("host:port without a scheme", () => {
  it.each([
    ["example.com:80", "http://example.com"],
    ["example.com:443", "https://example.com"],
    ["example.com:8080", "https://example.com:8080"],
    ["localhost:3000", "http://localhost:3000"],
    ["[2001:db8::1]:80", "http://[2001:db8::1]"],
  ])("%s → %s", (input, fix) => {
    expect(parseOrigin(input)).toMatchObject({ ok: false, problem: { code: "missing-scheme", fix } });
  });
});
