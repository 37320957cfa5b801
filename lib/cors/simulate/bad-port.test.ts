import { describe, expect, it } from "vitest";
import { BAD_PORTS, badPortOf } from "./bad-port";
import { simulate } from "./simulate";

const request = (url: string) => ({ origin: "https://app.example", url, method: "GET", headers: {}, credentials: "omit" as const });

describe("port blocking (https://fetch.spec.whatwg.org/#port-blocking)", () => {
  it.each([
    ["http://api.example:6666/x", 6666],
    ["https://api.example:25/x", 25],
    ["http://api.example:10080/", 10080],
    ["http://api.example:0/", 0],
    ["http://api.example:4190/", 4190],
  ])("%s is a bad port", (url, port) => {
    expect(badPortOf(new URL(url))).toBe(port);
  });

  it.each(["http://api.example/x", "https://api.example/x", "https://api.example:443/", "http://api.example:8080/", "https://api.example:6670/", "http://api.example:6664/"])(
    "%s is allowed",
    (url) => {
      expect(badPortOf(new URL(url))).toBeNull();
    },
  );

  it("has the Fetch Standard's 83 entries", () => {
    expect(BAD_PORTS.size).toBe(83);
  });

  it("simulate: a bad port is a network error before anything is sent (no preflight, stage preflight)", () => {
    const result = simulate({ ...request("http://api.example:6666/x"), method: "PUT" }, { actual: { status: 200, headers: { "Access-Control-Allow-Origin": "*" } } });
    expect(result).toMatchObject({ verdict: "blocked", stage: "preflight", failure: { rule: "bad-port" }, preflight: { required: false } });
    expect(result.failure?.message).toContain("6666");
    expect(result.failure?.fix).toMatch(/port browsers allow/);
    expect(result.steps.at(-1)).toMatchObject({ id: "request-port", outcome: "fail", spec: "https://fetch.spec.whatwg.org/#port-blocking" });
  });

  it("simulate: invalid methods are still reported first (fetch() throws before main fetch)", () => {
    expect(simulate({ ...request("http://api.example:6666/x"), method: "TRACE" }, {}).failure?.rule).toBe("forbidden-method");
  });

  it("simulate: a redirect to a bad port is a network error after the redirect response", () => {
    const result = simulate(request("https://api.example/a"), {
      actual: { status: 302, headers: { "Access-Control-Allow-Origin": "*", Location: "http://api.example:6667/b" } },
      redirects: [{ actual: { status: 200, headers: { "Access-Control-Allow-Origin": "*" } } }],
    });
    expect(result).toMatchObject({ verdict: "blocked", stage: "actual", failure: { rule: "bad-port" } });
  });
});
