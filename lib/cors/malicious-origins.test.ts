import { describe, expect, it } from "vitest";
import { MALICIOUS_ORIGINS, REFERENCE_ALLOWED, REFERENCE_ALLOWLIST } from "./fixtures/malicious-origins";
import { parseOrigin } from "./origin-parse";
import { compilePolicy } from "./policy-compile";
import { evaluateRequest } from "./policy-evaluate";
import type { CompiledPolicy } from "./types";

function referencePolicy(allowCredentials: boolean): CompiledPolicy {
  const compiled = compilePolicy({ origins: REFERENCE_ALLOWLIST, allowCredentials, allowedMethods: ["PUT"] });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return compiled.policy;
}

describe("malicious origins table", () => {
  it("has at least 60 rows with unique names", () => {
    expect(MALICIOUS_ORIGINS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(MALICIOUS_ORIGINS.map((row) => row.name)).size).toBe(MALICIOUS_ORIGINS.length);
  });

  describe.each(MALICIOUS_ORIGINS)("$name: $origin", ({ origin, parse }) => {
    it(`parses as ${parse}`, () => {
      const result = parseOrigin(origin);
      expect(result.ok ? "ok" : result.problem.code).toBe(parse);
      if (!result.ok && result.problem.fix !== undefined) expect(parseOrigin(result.problem.fix).ok).toBe(true);
    });

    it.each([false, true])("is never allowed by the reference policy (credentials: %s)", (credentials) => {
      const policy = referencePolicy(credentials);
      expect(policy.match(origin).matched).toBe(false);
      for (const request of [
        { method: "GET", origin },
        { method: "OPTIONS", origin, accessControlRequestMethod: "PUT" },
      ]) {
        const result = evaluateRequest(policy, request);
        expect(result.allowed).toBe(false);
        expect(result.headers["Access-Control-Allow-Origin"]).toBeUndefined();
        expect(result.headers["Access-Control-Allow-Credentials"]).toBeUndefined();
        expect(result.headers.Vary).toMatch(/^Origin\b/);
      }
    });
  });

  it.each(REFERENCE_ALLOWED)("the reference policy allows %s", (origin) => {
    const result = evaluateRequest(referencePolicy(true), { method: "GET", origin });
    expect(result.allowed).toBe(true);
    expect(result.headers["Access-Control-Allow-Origin"]).toBe(origin);
  });
});
