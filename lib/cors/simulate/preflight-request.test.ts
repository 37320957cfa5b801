import { describe, expect, it } from "vitest";
import { buildPreflightRequestHeaders, planPreflight, type PreflightHeaderOptions } from "./preflight-request";

const origin = "https://app.example";
const url = "https://api.example/items";

describe("planPreflight", () => {
  it.each<{ name: string; method: string; headers: Record<string, string>; required: boolean; acrh: string | undefined }>([
    { name: "GET without headers", method: "GET", headers: {}, required: false, acrh: undefined },
    { name: "post is normalized and safelisted", method: "post", headers: { "Content-Type": "text/plain" }, required: false, acrh: undefined },
    { name: "PUT", method: "PUT", headers: {}, required: true, acrh: undefined },
    { name: "patch is sent as written", method: "patch", headers: {}, required: true, acrh: undefined },
    {
      name: "unsafe headers are sorted, lowercased and joined without spaces",
      method: "GET",
      headers: { "X-Trace": "1", Authorization: "t", "Content-Type": "application/json", Accept: "*/*" },
      required: true,
      acrh: "authorization,content-type,x-trace",
    },
    { name: "forbidden headers are not asked for", method: "GET", headers: { Cookie: "a", "User-Agent": "x" }, required: false, acrh: undefined },
    { name: "a Chromium-safelisted client hint needs no preflight", method: "GET", headers: { DPR: "2" }, required: false, acrh: undefined },
  ])("$name", ({ method, headers, required, acrh }) => {
    const plan = planPreflight({ origin, url, method, headers });
    expect(plan.required).toBe(required);
    expect(plan.request?.headers["Access-Control-Request-Headers"]).toBe(acrh);
    if (required) {
      expect(plan.request).toMatchObject({ method: "OPTIONS", url, headers: { Origin: origin, "Access-Control-Request-Method": method === "post" ? "POST" : method } });
      expect(plan.reasons.length).toBeGreaterThan(0);
    } else {
      expect(plan.request).toBeUndefined();
    }
  });

  it("throws where fetch() would", () => {
    expect(() => planPreflight({ origin, url, method: "GET", headers: { "X-A": "a\nb" } })).toThrow(TypeError);
  });
});

describe("buildPreflightRequestHeaders", () => {
  it.each<{
    name: string;
    request: { origin: string; method: string; headers: Record<string, string> };
    options: PreflightHeaderOptions;
    expected: Record<string, string>;
  }>([
    {
      name: "a simple GET still gets the two CORS headers",
      request: { origin, method: "get", headers: {} },
      options: {},
      expected: { Origin: origin, "Access-Control-Request-Method": "GET" },
    },
    {
      name: "with unsafe headers",
      request: { origin, method: "DELETE", headers: { "X-B": "1", "x-a": "2" } },
      options: {},
      expected: { Origin: origin, "Access-Control-Request-Method": "DELETE", "Access-Control-Request-Headers": "x-a,x-b" },
    },
    {
      name: "opaque origin and Private Network Access",
      request: { origin: "null", method: "PUT", headers: {} },
      options: { privateNetwork: true },
      expected: { Origin: "null", "Access-Control-Request-Method": "PUT", "Access-Control-Request-Private-Network": "true" },
    },
  ])("$name", ({ request, options, expected }) => {
    expect(buildPreflightRequestHeaders(request, options)).toEqual(expected);
  });
});
