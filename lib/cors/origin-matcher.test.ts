import { describe, expect, it } from "vitest";
import { buildMatcher } from "./origin-matcher";
import { readOriginRules } from "./origin-rules";
import type { OriginRuleInput } from "./types";

function matcherOf(origins: readonly (string | OriginRuleInput)[]) {
  const { rules, problems } = readOriginRules(origins);
  if (problems.length > 0) throw new Error(JSON.stringify(problems));
  return buildMatcher(rules);
}

const CASES: readonly { name: string; rules: readonly string[]; origin: string; matched: string | null }[] = [
  { name: "exact hit", rules: ["https://example.com"], origin: "https://example.com", matched: "https://example.com" },
  { name: "exact miss: other scheme", rules: ["https://example.com"], origin: "http://example.com", matched: null },
  { name: "exact miss: other port", rules: ["https://example.com"], origin: "https://example.com:444", matched: null },
  { name: "exact is case-sensitive", rules: ["https://example.com"], origin: "https://Example.com", matched: null },
  { name: "wildcard: one label", rules: ["https://*.example.com"], origin: "https://a.example.com", matched: "https://*.example.com" },
  { name: "wildcard: several labels", rules: ["https://*.example.com"], origin: "https://a.b.c.example.com", matched: "https://*.example.com" },
  { name: "wildcard: never the apex", rules: ["https://*.example.com"], origin: "https://example.com", matched: null },
  { name: "wildcard: not a look-alike prefix", rules: ["https://*.example.com"], origin: "https://evil-example.com", matched: null },
  { name: "wildcard: not a suffix concatenation", rules: ["https://*.example.com"], origin: "https://example.com.evil.net", matched: null },
  { name: "wildcard: scheme must match", rules: ["https://*.example.com"], origin: "http://a.example.com", matched: null },
  { name: "wildcard: default port only", rules: ["https://*.example.com"], origin: "https://a.example.com:8443", matched: null },
  { name: "wildcard with port: port must match", rules: ["https://*.example.com:8443"], origin: "https://a.example.com:8443", matched: "https://*.example.com:8443" },
  { name: "wildcard with port: default port refused", rules: ["https://*.example.com:8443"], origin: "https://a.example.com", matched: null },
  { name: "wildcard: uppercase label refused", rules: ["https://*.example.com"], origin: "https://A.example.com", matched: null },
  { name: "wildcard: trailing dot refused", rules: ["https://*.example.com"], origin: "https://a.example.com.", matched: null },
  { name: "wildcard: explicit default port refused", rules: ["https://*.example.com"], origin: "https://a.example.com:443", matched: null },
  { name: "wildcard: path refused", rules: ["https://*.example.com"], origin: "https://a.example.com/", matched: null },
  { name: "wildcard: userinfo refused", rules: ["https://*.example.com"], origin: "https://x@a.example.com", matched: null },
  { name: "most specific pattern wins", rules: ["https://*.example.com", "https://*.b.example.com"], origin: "https://a.b.example.com", matched: "https://*.b.example.com" },
  { name: "port wildcard: any port", rules: ["http://localhost:*"], origin: "http://localhost:5173", matched: "http://localhost:*" },
  { name: "port wildcard: default port included", rules: ["http://localhost:*"], origin: "http://localhost", matched: "http://localhost:*" },
  { name: "port wildcard: host must match", rules: ["http://localhost:*"], origin: "http://evil.localhost:5173", matched: null },
  { name: "port wildcard: scheme must match", rules: ["http://localhost:*"], origin: "https://localhost:5173", matched: null },
  { name: "both wildcards", rules: ["http://*.localhost:*"], origin: "http://app.localhost:5173", matched: "http://*.localhost:*" },
  { name: "null only when listed", rules: ["https://example.com"], origin: "null", matched: null },
  { name: "null listed", rules: ["null"], origin: "null", matched: "null" },
  { name: "null rule doesn't match other text", rules: ["null"], origin: "Null", matched: null },
  { name: "* matches anything", rules: ["*"], origin: "https://evil.net", matched: "*" },
  { name: "* matches null", rules: ["*"], origin: "null", matched: "*" },
  { name: "empty list matches nothing", rules: [], origin: "https://example.com", matched: null },
  { name: "empty origin", rules: ["https://example.com", "https://*.example.com"], origin: "", matched: null },
  { name: "IPv6", rules: ["http://[::1]:3000"], origin: "http://[::1]:3000", matched: "http://[::1]:3000" },
];

describe("buildMatcher", () => {
  it.each(CASES)("$name", ({ rules, origin, matched }) => {
    const result = matcherOf(rules).match(origin);
    expect(result.matched ? result.rule.origin.value : null).toBe(matched);
  });

  it("expired rules don't match and are reported", () => {
    const matcher = matcherOf([{ value: "https://a.example", expiresAt: "2030-01-01T00:00:00Z" }, { value: "https://*.b.example", expiresAt: 1000 }]);
    const before = Date.parse("2029-12-31T23:59:59Z");
    const at = Date.parse("2030-01-01T00:00:00Z");
    expect(matcher.match("https://a.example", before).matched).toBe(true);
    expect(matcher.match("https://a.example", at)).toMatchObject({ matched: false, expired: { origin: { value: "https://a.example" } } });
    expect(matcher.match("https://x.b.example", 999).matched).toBe(true);
    expect(matcher.match("https://x.b.example", 1000)).toMatchObject({ matched: false, expired: { origin: { value: "https://*.b.example" } } });
  });

  it("an unexpired duplicate wins over an expired one", () => {
    const matcher = buildMatcher([
      { index: 0, origin: { kind: "exact", value: "https://a.example", scheme: "https", host: "a.example", port: null }, expiresAt: 10 },
      { index: 1, origin: { kind: "exact", value: "https://a.example", scheme: "https", host: "a.example", port: null }, expiresAt: null },
    ]);
    expect(matcher.match("https://a.example", 20)).toMatchObject({ matched: true, rule: { index: 1 } });
  });

  it("originIndependent only for an unexpiring *", () => {
    expect(matcherOf(["*"]).originIndependent).toBe(true);
    expect(matcherOf([{ value: "*", expiresAt: 5 }]).originIndependent).toBe(false);
    expect(matcherOf(["https://a.example"]).originIndependent).toBe(false);
  });

  it("matches among 100,000 exact origins and 100 patterns", () => {
    const origins = Array.from({ length: 100_000 }, (_, i) => `https://app${i}.tenant${i % 1000}.example`);
    const patterns = Array.from({ length: 100 }, (_, i) => `https://*.zone${i}.example.net`);
    const matcher = matcherOf([...origins, ...patterns]);
    expect(matcher.match("https://app99999.tenant999.example")).toMatchObject({ matched: true, rule: { index: 99_999 } });
    expect(matcher.match("https://deep.x.zone42.example.net")).toMatchObject({ matched: true, rule: { index: 100_042 } });
    expect(matcher.match("https://app100000.tenant0.example").matched).toBe(false);
  });
});
