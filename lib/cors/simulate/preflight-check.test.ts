import { describe, expect, it } from "vitest";
import type { Header } from "./header-list";
import { checkPreflight } from "./preflight-check";
import type { CredentialsMode, ObservedResponse, RawHeaders } from "./types";

const ORIGIN = "https://app.example";

interface Case {
  name: string;
  status?: number;
  headers: RawHeaders;
  method?: string;
  requestHeaders?: Record<string, string>;
  credentials?: CredentialsMode;
  rule: string | null;
  warning?: RegExp;
  maxAge?: number;
}

const allowOrigin = { "Access-Control-Allow-Origin": ORIGIN };
const withCredentials = { ...allowOrigin, "Access-Control-Allow-Credentials": "true" };

describe("checkPreflight", () => {
  it.each<Case>([
    // Status and redirects
    { name: "204 with the method allowed", headers: { ...allowOrigin, "Access-Control-Allow-Methods": "PUT" }, rule: null, maxAge: 5 },
    { name: "299 is an ok status", status: 299, headers: { ...allowOrigin, "Access-Control-Allow-Methods": "PUT" }, rule: null },
    { name: "404 is not an ok status", status: 404, headers: { ...allowOrigin, "Access-Control-Allow-Methods": "PUT" }, rule: "preflight-status" },
    { name: "a redirect is never followed", status: 307, headers: { ...allowOrigin, Location: "/elsewhere" }, rule: "preflight-redirect" },
    { name: "a 302 without Location is a bad status", status: 302, headers: { ...allowOrigin, "Access-Control-Allow-Methods": "PUT" }, rule: "preflight-status" },
    { name: "the CORS check comes before the status", status: 500, headers: {}, rule: "allow-origin-missing" },
    // CORS check with the request's credentials mode
    { name: "credentialed request needs ACAC on the preflight", credentials: "include", headers: { ...allowOrigin, "Access-Control-Allow-Methods": "PUT" }, rule: "allow-credentials-missing" },
    { name: "credentialed request with ACAC", credentials: "include", headers: { ...withCredentials, "Access-Control-Allow-Methods": "PUT" }, rule: null },
    // Methods
    { name: "no Access-Control-Allow-Methods", headers: allowOrigin, rule: "method-not-allowed" },
    { name: "safelisted method needs no ACAM", method: "POST", requestHeaders: { "X-A": "1" }, headers: { ...allowOrigin, "Access-Control-Allow-Headers": "x-a" }, rule: null },
    { name: "patch vs PATCH", method: "patch", headers: { ...allowOrigin, "Access-Control-Allow-Methods": "PATCH" }, rule: "method-not-allowed" },
    { name: "patch vs patch", method: "patch", headers: { ...allowOrigin, "Access-Control-Allow-Methods": "patch" }, rule: null },
    { name: "PATCH vs patch", method: "PATCH", headers: { ...allowOrigin, "Access-Control-Allow-Methods": "patch" }, rule: "method-not-allowed" },
    { name: "* without credentials", headers: { ...allowOrigin, "Access-Control-Allow-Methods": "*" }, rule: null },
    { name: "* with credentials is literal", credentials: "include", headers: { ...withCredentials, "Access-Control-Allow-Methods": "*" }, rule: "method-not-allowed" },
    { name: "unparseable ACAM", headers: { ...allowOrigin, "Access-Control-Allow-Methods": "PUT, PO ST" }, rule: "allow-methods-invalid" },
    { name: "ACAM on two lines", headers: { ...allowOrigin, "Access-Control-Allow-Methods": ["GET", "PUT"] }, rule: null },
    // Headers
    { name: "header listed in another case", requestHeaders: { "X-Request-Id": "1" }, headers: { ...allowOrigin, "Access-Control-Allow-Methods": "PUT", "Access-Control-Allow-Headers": "X-REQUEST-ID" }, rule: null },
    { name: "header not listed", requestHeaders: { "X-Request-Id": "1" }, headers: { ...allowOrigin, "Access-Control-Allow-Methods": "PUT" }, rule: "header-not-allowed" },
    { name: "headers * without credentials", requestHeaders: { "X-Request-Id": "1" }, headers: { ...allowOrigin, "Access-Control-Allow-Methods": "PUT", "Access-Control-Allow-Headers": "*" }, rule: null },
    { name: "headers * with credentials is literal", credentials: "include", requestHeaders: { "X-Request-Id": "1" }, headers: { ...withCredentials, "Access-Control-Allow-Methods": "PUT", "Access-Control-Allow-Headers": "*" }, rule: "header-not-allowed" },
    {
      name: "Authorization under * passes in Chromium, with a warning",
      requestHeaders: { Authorization: "Bearer t" },
      headers: { ...allowOrigin, "Access-Control-Allow-Methods": "PUT", "Access-Control-Allow-Headers": "*" },
      rule: null,
      warning: /Authorization/,
    },
    { name: "Authorization listed explicitly", requestHeaders: { Authorization: "Bearer t" }, headers: { ...allowOrigin, "Access-Control-Allow-Methods": "PUT", "Access-Control-Allow-Headers": "authorization, *" }, rule: null },
    { name: "unparseable ACAH", requestHeaders: { "X-A": "1" }, headers: { ...allowOrigin, "Access-Control-Allow-Methods": "PUT", "Access-Control-Allow-Headers": "x-a, x b" }, rule: "allow-headers-invalid" },
    // Max-age
    { name: "max-age 600", headers: { ...allowOrigin, "Access-Control-Allow-Methods": "PUT", "Access-Control-Max-Age": "600" }, rule: null, maxAge: 600 },
    { name: "max-age over Chromium's cap", headers: { ...allowOrigin, "Access-Control-Allow-Methods": "PUT", "Access-Control-Max-Age": "86400" }, rule: null, maxAge: 7200, warning: /7200/ },
    { name: "negative max-age", headers: { ...allowOrigin, "Access-Control-Allow-Methods": "PUT", "Access-Control-Max-Age": "-1" }, rule: null, maxAge: 0, warning: /negative/ },
    { name: "invalid max-age", headers: { ...allowOrigin, "Access-Control-Allow-Methods": "PUT", "Access-Control-Max-Age": "1.5" }, rule: null, maxAge: 5 },
  ])("$name", ({ status = 204, headers, method = "PUT", requestHeaders = {}, credentials = "omit", rule, warning, maxAge }) => {
    const list: Header[] = Object.entries(requestHeaders).map(([name, value]) => ({ name, value }));
    const unsafe = list.map((h) => h.name.toLowerCase()).sort();
    const response: ObservedResponse = { status, headers };
    const result = checkPreflight({ response, method, requestHeaders: list, unsafeHeaderNames: unsafe, credentials, serializedOrigin: ORIGIN, idPrefix: "preflight" });
    expect(result.failure?.rule ?? null).toBe(rule);
    if (warning !== undefined) expect(result.warnings.join("\n")).toMatch(warning);
    else expect(result.warnings).toEqual([]);
    if (maxAge !== undefined) expect(result.maxAgeSeconds).toBe(maxAge);
  });

  it("reports a missing preflight response", () => {
    const result = checkPreflight({ response: undefined, method: "PUT", requestHeaders: [], unsafeHeaderNames: [], credentials: "omit", serializedOrigin: ORIGIN, idPrefix: "preflight" });
    expect(result.failure?.rule).toBe("preflight-no-response");
  });

  it.each([
    { name: "method fix names the method", method: "PUT", headers: allowOrigin, fix: "Add PUT to Access-Control-Allow-Methods." },
    { name: "byte-case fix explains the spelling", method: "patch", headers: { ...allowOrigin, "Access-Control-Allow-Methods": "PATCH" }, fix: "Add patch exactly as the page spells it to Access-Control-Allow-Methods (or make the page send PATCH)." },
  ])("$name", ({ method, headers, fix }) => {
    const result = checkPreflight({ response: { status: 204, headers }, method, requestHeaders: [], unsafeHeaderNames: [], credentials: "omit", serializedOrigin: ORIGIN, idPrefix: "preflight" });
    expect(result.failure?.fix).toBe(fix);
  });

  it("the header fix uses the usual capitalization", () => {
    const result = checkPreflight({
      response: { status: 204, headers: { ...allowOrigin, "Access-Control-Allow-Methods": "PUT" } },
      method: "POST",
      requestHeaders: [{ name: "content-type", value: "application/json" }],
      unsafeHeaderNames: ["content-type"],
      credentials: "omit",
      serializedOrigin: ORIGIN,
      idPrefix: "preflight",
    });
    expect(result.failure?.fix).toBe("Add Content-Type to Access-Control-Allow-Headers.");
  });

  it.each([
    { status: 401, hint: /authentication ran before CORS.*answer OPTIONS .* before the auth check/ },

    { status: 500, hint: /also answered 500; it needs a 2xx status/ },
  ])("a preflight refused with $status and no CORS headers says why the headers are missing", ({ status, hint }) => {
    const result = checkPreflight({ response: { status, headers: {} }, method: "PUT", requestHeaders: [], unsafeHeaderNames: [], credentials: "omit", serializedOrigin: ORIGIN, idPrefix: "preflight" });
    expect(result.failure?.rule).toBe("allow-origin-missing");
    expect(result.failure?.fix).toMatch(hint);
  });

  it.each([204, 403])("a %i preflight without CORS headers keeps the plain fix (403 is how CORS layers refuse an origin)", (status) => {
    const result = checkPreflight({ response: { status, headers: {} }, method: "PUT", requestHeaders: [], unsafeHeaderNames: [], credentials: "omit", serializedOrigin: ORIGIN, idPrefix: "preflight" });
    expect(result.failure?.fix).not.toMatch(/answered/);
  });
});
