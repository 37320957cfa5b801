import { describe, expect, it } from "vitest";
import { compilePolicy } from "./policy-compile";
import { previewRule } from "./preview";
import type { AttackKind, PreviewCandidate } from "./types";

const RULES = [
  "https://example.com",
  "https://app.example.co.uk:8443",
  "https://*.example.com",
  "https://*.app.example.org:8443",
  "http://localhost:*",
  "http://*.localhost:*",
  "http://127.0.0.1:3000",
  "http://[::1]:3000",
  "https://xn--bcher-kva.example",
  "null",
  "*",
] as const;

function candidates(rule: string): readonly PreviewCandidate[] {
  const result = previewRule(rule);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.candidates;
}

describe("previewRule", () => {
  it.each(RULES)("%s accepts exactly the intended candidates", (rule) => {
    const list = candidates(rule);
    expect(list.length).toBeGreaterThan(3);
    expect(new Set(list.map((c) => c.origin)).size).toBe(list.length);
    for (const candidate of list) {
      expect({ origin: candidate.origin, accepted: candidate.accepted }).toEqual({ origin: candidate.origin, accepted: candidate.intended });
      expect(candidate.why.length).toBeGreaterThan(10);
    }
  });

  const EXPECTED: readonly { rule: string; attack: AttackKind; origin: string; accepted: boolean }[] = [
    { rule: "https://example.com", attack: "prefix-concatenation", origin: "https://evil-example.com", accepted: false },
    { rule: "https://example.com", attack: "suffix-concatenation", origin: "https://example.com.evil.net", accepted: false },
    { rule: "https://example.com", attack: "scheme-twin", origin: "http://example.com", accepted: false },
    { rule: "https://example.com", attack: "unescaped-dot", origin: "https://examplexcom", accepted: false },
    { rule: "https://example.com", attack: "uppercase", origin: "https://EXAMPLE.COM", accepted: false },
    { rule: "https://example.com", attack: "null-origin", origin: "null", accepted: false },
    { rule: "https://example.com", attack: "other-port", origin: "https://example.com:8443", accepted: false },
    { rule: "https://example.com", attack: "extra-subdomain", origin: "https://evil.example.com", accepted: false },
    { rule: "https://*.example.com", attack: "apex", origin: "https://example.com", accepted: false },
    { rule: "https://*.example.com", attack: "extra-subdomain", origin: "https://a.b.example.com", accepted: true },
    { rule: "https://*.example.com", attack: "prefix-concatenation", origin: "https://evilexample.com", accepted: false },
    { rule: "https://*.example.com", attack: "homograph", origin: "https://app.xn--xample-2of.com", accepted: false },
    { rule: "http://localhost:*", attack: "other-port", origin: "http://localhost", accepted: true },
    { rule: "http://localhost:*", attack: "suffix-concatenation", origin: "http://localhost.evil.net:3000", accepted: false },
    { rule: "https://app.example.co.uk:8443", attack: "parent-domain", origin: "https://example.co.uk:8443", accepted: false },
    { rule: "null", attack: "uppercase", origin: "Null", accepted: false },
  ];
  it.each(EXPECTED)("$rule: $attack $origin → $accepted", ({ rule, attack, origin, accepted }) => {
    expect(candidates(rule).find((c) => c.origin === origin)).toMatchObject({ attack, accepted });
  });

  it("returns the parse problems of an invalid rule", () => {
    expect(previewRule("https://*.com")).toMatchObject({ ok: false, problems: [{ code: "wildcard-public-suffix" }] });
  });

  it("an expired rule accepts nothing", () => {
    const result = previewRule({ value: "https://*.example.com", expiresAt: 1000 }, { now: 2000 });
    expect(result.ok && result.candidates.every((c) => !c.accepted)).toBe(true);
    expect(result.ok && result.candidates[0]?.why).toContain("expired");
  });

  it("against a whole policy, shows look-alikes another rule lets in", () => {
    const compiled = compilePolicy({ origins: ["https://example.com", "https://evil-example.com"] });
    if (!compiled.ok) throw new Error("compile");
    const result = previewRule("https://example.com", { policy: compiled.policy });
    const hole = result.ok ? result.candidates.find((c) => c.origin === "https://evil-example.com") : undefined;
    expect(hole).toMatchObject({ accepted: true, intended: false });
    expect(hole?.why).toContain("https://evil-example.com (entry 2)");
  });
});
