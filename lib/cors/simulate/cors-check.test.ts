import { describe, expect, it } from "vitest";
import { corsCheck } from "./cors-check";
import { toHeaderList } from "./header-list";
import type { CredentialsMode, RawHeaders } from "./types";

const ORIGIN = "https://app.example";

describe("corsCheck", () => {
  it.each<{ name: string; headers: RawHeaders; credentials?: CredentialsMode; origin?: string; rule: string | null }>([
    { name: "no Access-Control-Allow-Origin", headers: {}, rule: "allow-origin-missing" },
    { name: "* without credentials", headers: { "Access-Control-Allow-Origin": "*" }, rule: null },
    { name: "* in same-origin mode", headers: { "Access-Control-Allow-Origin": "*" }, credentials: "same-origin", rule: null },
    { name: "* with credentials", headers: { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Credentials": "true" }, credentials: "include", rule: "allow-origin-wildcard-with-credentials" },
    { name: "exact origin", headers: { "Access-Control-Allow-Origin": ORIGIN }, rule: null },
    { name: "exact origin with surrounding whitespace", headers: { "Access-Control-Allow-Origin": ` ${ORIGIN}\t` }, rule: null },
    { name: "trailing slash", headers: { "Access-Control-Allow-Origin": `${ORIGIN}/` }, rule: "allow-origin-mismatch" },
    { name: "different case", headers: { "Access-Control-Allow-Origin": "https://APP.example" }, rule: "allow-origin-mismatch" },
    { name: "default port spelled out", headers: { "Access-Control-Allow-Origin": `${ORIGIN}:443` }, rule: "allow-origin-mismatch" },
    { name: "other origin", headers: { "Access-Control-Allow-Origin": "https://evil.example" }, rule: "allow-origin-mismatch" },
    { name: "comma list", headers: { "Access-Control-Allow-Origin": `${ORIGIN}, https://b.example` }, rule: "allow-origin-multiple" },
    { name: "two lines of the same origin", headers: { "Access-Control-Allow-Origin": [ORIGIN, ORIGIN] }, rule: "allow-origin-multiple" },
    { name: "two lines of *", headers: { "Access-Control-Allow-Origin": ["*", "*"] }, rule: "allow-origin-multiple" },
    { name: "null for a real origin", headers: { "Access-Control-Allow-Origin": "null" }, rule: "allow-origin-mismatch" },
    { name: "null for an opaque origin", headers: { "Access-Control-Allow-Origin": "null" }, origin: "null", rule: null },
    { name: "the page origin for an opaque origin", headers: { "Access-Control-Allow-Origin": ORIGIN }, origin: "null", rule: "allow-origin-mismatch" },
    { name: "empty value", headers: { "Access-Control-Allow-Origin": "" }, rule: "allow-origin-mismatch" },
    { name: "credentials true", headers: { "Access-Control-Allow-Origin": ORIGIN, "Access-Control-Allow-Credentials": "true" }, credentials: "include", rule: null },
    { name: "credentials True", headers: { "Access-Control-Allow-Origin": ORIGIN, "Access-Control-Allow-Credentials": "True" }, credentials: "include", rule: "allow-credentials-invalid" },
    { name: "credentials missing", headers: { "Access-Control-Allow-Origin": ORIGIN }, credentials: "include", rule: "allow-credentials-missing" },
    { name: "credentials on two lines", headers: { "Access-Control-Allow-Origin": ORIGIN, "Access-Control-Allow-Credentials": ["true", "true"] }, credentials: "include", rule: "allow-credentials-invalid" },
    { name: "credentials ignored without include", headers: { "Access-Control-Allow-Origin": ORIGIN, "Access-Control-Allow-Credentials": "nope" }, credentials: "omit", rule: null },
  ])("$name", ({ headers, credentials = "omit", origin = ORIGIN, rule }) => {
    const result = corsCheck({ list: toHeaderList(headers), serializedOrigin: origin, credentials, what: "actual", idPrefix: "actual" });
    expect(result.failure?.rule ?? null).toBe(rule);
    if (result.failure !== undefined) {
      expect(result.failure.fix).toMatch(/\.$/);
      expect(result.steps.at(-1)?.outcome).toBe("fail");
    }
  });

  it("names the header and the origin in the fix", () => {
    const result = corsCheck({ list: toHeaderList({}), serializedOrigin: ORIGIN, credentials: "include", what: "preflight", idPrefix: "preflight" });
    expect(result.failure?.fix).toBe(`Send Access-Control-Allow-Origin: ${ORIGIN} on the preflight response, with Access-Control-Allow-Credentials: true.`);
    expect(result.steps[0]?.id).toBe("preflight-allow-origin");
  });
});
