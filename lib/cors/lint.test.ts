import { describe, expect, it } from "vitest";
import { lintPolicy } from "./lint";
import type { LintEnvironment, LintFinding, PolicyInput } from "./types";

const PROD: LintEnvironment = { protected: true, name: "production" };
const DEV: LintEnvironment = { protected: false, name: "dev" };
const NOW = Date.parse("2025-06-01T00:00:00Z");

type Expected = readonly [code: LintFinding["code"], severity: LintFinding["severity"], index: number | null];

const CASES: readonly { name: string; policy: PolicyInput; env: LintEnvironment; findings: readonly Expected[] }[] = [
  { name: "a clean production policy", policy: { origins: ["https://app.example.com"], allowCredentials: true }, env: PROD, findings: [] },
  { name: "empty allowlist", policy: { origins: [] }, env: DEV, findings: [["empty-allowlist", "warning", null]] },
  { name: "* with credentials is an error", policy: { origins: ["*"], allowCredentials: true }, env: DEV, findings: [["wildcard-with-credentials", "error", 0]] },
  { name: "* in production", policy: { origins: ["*"] }, env: PROD, findings: [["any-origin", "warning", 0]] },
  { name: "* in dev", policy: { origins: ["*"] }, env: DEV, findings: [["any-origin", "info", 0]] },
  { name: "null in production is an error", policy: { origins: ["null"] }, env: PROD, findings: [["null-origin", "error", 0]] },
  { name: "null in dev is a warning", policy: { origins: ["null"] }, env: DEV, findings: [["null-origin", "warning", 0]] },
  { name: "http in production", policy: { origins: ["http://app.example.com"] }, env: PROD, findings: [["insecure-origin", "warning", 0]] },
  { name: "http in production with credentials", policy: { origins: ["http://app.example.com"], allowCredentials: true }, env: PROD, findings: [["insecure-origin", "error", 0]] },
  { name: "http in dev", policy: { origins: ["http://app.example.com"] }, env: DEV, findings: [["insecure-origin", "info", 0]] },
  { name: "localhost in dev is fine", policy: { origins: ["http://localhost:3000"] }, env: DEV, findings: [] },
  { name: "localhost in production", policy: { origins: ["http://localhost:3000"] }, env: PROD, findings: [["local-origin", "warning", 0]] },
  { name: "private IP in production with credentials", policy: { origins: ["https://10.0.0.5"], allowCredentials: true }, env: PROD, findings: [["local-origin", "error", 0]] },
  { name: "IPv6 loopback in production", policy: { origins: ["http://[::1]:8080"] }, env: PROD, findings: [["local-origin", "warning", 0]] },
  { name: "wildcard over a registrable domain in production", policy: { origins: ["https://*.example.com"] }, env: PROD, findings: [["broad-wildcard", "warning", 0]] },
  { name: "wildcard over a registrable domain in dev", policy: { origins: ["https://*.example.com"] }, env: DEV, findings: [["broad-wildcard", "info", 0]] },
  { name: "wildcard over a registrable domain with credentials", policy: { origins: ["https://*.example.com"], allowCredentials: true }, env: DEV, findings: [["broad-wildcard", "warning", 0]] },
  { name: "narrow wildcard is fine", policy: { origins: ["https://*.app.example.com"] }, env: PROD, findings: [] },
  { name: "wildcard over a site under a private suffix", policy: { origins: ["https://*.acme.github.io"] }, env: PROD, findings: [["broad-wildcard", "warning", 0]] },
  { name: "port wildcard in production", policy: { origins: ["https://app.example.com:*"] }, env: PROD, findings: [["port-wildcard", "warning", 0]] },
  { name: "localhost port wildcard in dev is fine", policy: { origins: ["http://localhost:*"] }, env: DEV, findings: [] },
  { name: "port wildcard on a real host in dev", policy: { origins: ["https://app.example.com:*"] }, env: DEV, findings: [["port-wildcard", "info", 0]] },
  {
    name: "shadowed origin",
    policy: { origins: ["https://a.app.example.com", "https://*.app.example.com"] },
    env: PROD,
    findings: [["shadowed-origin", "warning", 0]],
  },
  {
    name: "not shadowed when the pattern expires first",
    policy: { origins: ["https://a.app.example.com", { value: "https://*.app.example.com", expiresAt: "2030-01-01T00:00:00Z" }] },
    env: PROD,
    findings: [],
  },
  {
    name: "shadowed by a port wildcard",
    policy: { origins: ["http://localhost:3000", "http://localhost:*"] },
    env: DEV,
    findings: [["shadowed-origin", "warning", 0]],
  },
  { name: "expired rule", policy: { origins: ["https://a.example.com", { value: "https://b.example.com", expiresAt: "2025-01-01T00:00:00Z" }] }, env: PROD, findings: [["expired-rule", "info", 1]] },
  {
    name: "parse problems and duplicates are errors",
    policy: { origins: ["https://A.example.com/", "https://a.example.com", "example.org", "https://*.com"] },
    env: DEV,
    findings: [
      ["trailing-slash", "error", 0],
      ["duplicate", "error", 1],
      ["missing-scheme", "error", 2],
      ["wildcard-public-suffix", "error", 3],
    ],
  },
  { name: "no-Origin requests rejected", policy: { origins: ["https://a.example.com"], noOrigin: "reject" }, env: PROD, findings: [["no-origin-rejected", "warning", null]] },
  {
    name: "credentials with reflected headers",
    policy: { origins: ["https://a.example.com"], allowCredentials: true, reflectRequestHeaders: true },
    env: PROD,
    findings: [["credentials-reflect-headers", "warning", null]],
  },
  {
    name: "reflect ignores the header list",
    policy: { origins: ["https://a.example.com"], reflectRequestHeaders: true, allowedHeaders: ["x-a"] },
    env: DEV,
    findings: [["reflect-ignores-allowed-headers", "info", null]],
  },
  { name: "max-age above Chromium's cap", policy: { origins: ["https://a.example.com"], maxAgeSeconds: 86400 }, env: DEV, findings: [["max-age-capped", "info", null]] },
  {
    name: "method lists",
    policy: { origins: ["https://a.example.com"], allowedMethods: ["GET", "patch", "TRACE"] },
    env: DEV,
    findings: [
      ["forbidden-method", "warning", null],
      ["case-sensitive-method", "warning", null],
      ["safelisted-method", "info", null],
    ],
  },
  {
    name: "header lists",
    policy: { origins: ["https://a.example.com"], allowedHeaders: ["cookie", "x-a"], exposedHeaders: ["content-type", "x-b"] },
    env: DEV,
    findings: [
      ["forbidden-request-header", "info", null],
      ["safelisted-response-header", "info", null],
    ],
  },
  { name: "invalid settings are errors", policy: { origins: [], maxAgeSeconds: -5 }, env: DEV, findings: [["invalid-max-age", "error", null], ["empty-allowlist", "warning", null]] },
];

describe("lintPolicy", () => {
  it.each(CASES)("$name", ({ policy, env, findings }) => {
    const result = lintPolicy(policy, env, { now: NOW });
    expect(result.map((f) => [f.code, f.severity, f.index])).toEqual(findings);
    for (const finding of result) expect(finding.message).toMatch(/[.)]$/);
  });

  it("offers the canonical origin as a one-click fix", () => {
    const [finding] = lintPolicy({ origins: ["HTTPS://App.Example.com/"] }, DEV);
    expect(finding?.fix).toEqual({
      label: "Use https://app.example.com",
      value: "https://app.example.com",
      patch: { op: "replace-origin", index: 0, value: "https://app.example.com" },
    });
  });

  it("offers https for an http origin, or removal when https is listed", () => {
    const [alone] = lintPolicy({ origins: ["http://app.example.com"] }, PROD);
    expect(alone?.fix?.patch).toEqual({ op: "replace-origin", index: 0, value: "https://app.example.com" });
    const both = lintPolicy({ origins: ["https://app.example.com", "http://app.example.com"] }, PROD);
    expect(both.find((f) => f.code === "insecure-origin")?.fix?.patch).toEqual({ op: "remove-origin", index: 1 });
  });

  it("names the environment", () => {
    const [finding] = lintPolicy({ origins: ["null"] }, PROD);
    expect(finding?.message).toContain("production");
  });

  it("never throws on garbage", () => {
    for (const policy of [null, 5, "x", [], { origins: 3 }, { origins: [null, {}, { value: 1 }] }]) {
      expect(() => lintPolicy(policy as unknown as PolicyInput, DEV)).not.toThrow();
    }
  });
});
