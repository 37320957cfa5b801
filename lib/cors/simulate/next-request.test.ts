import { describe, expect, it } from "vitest";
import { simulate } from "./simulate";

// `result.next`: what the browser sends after a redirect whose response was not supplied
// (the server-side probe sends it and simulates again).
const APP = "https://app.example";
const redirectTo = (location: string, status = 302) => ({ status, headers: { Location: location, "Access-Control-Allow-Origin": "*" } });

describe("simulate: the next request of a redirect chain", () => {
  it("is absent when the chain is complete or blocked", () => {
    const complete = simulate({ origin: APP, url: "https://api.example/a", method: "GET", headers: {}, credentials: "omit" }, { actual: { status: 200, headers: { "Access-Control-Allow-Origin": "*" } } });
    expect(complete.next).toBeUndefined();
    const blocked = simulate({ origin: APP, url: "https://api.example/a", method: "GET", headers: {}, credentials: "omit" }, { actual: { status: 302, headers: { Location: "/b" } } });
    expect(blocked.verdict).toBe("blocked");
    expect(blocked.next).toBeUndefined();
  });

  it("a hop on the same server: GET with the page's Origin (the request is already cross-origin), no preflight", () => {
    const result = simulate({ origin: APP, url: "https://api.example/a", method: "GET", headers: {}, credentials: "omit" }, { actual: redirectTo("/b") });
    expect(result.next).toEqual({ index: 1, url: "https://api.example/b", method: "GET", headers: { Accept: "*/*", Origin: APP } });
  });

  it("cross-origin 307 of a PUT: tainted origin (null), preflighted again, Authorization dropped", () => {
    const result = simulate(
      { origin: APP, url: "https://api.example/a", method: "PUT", headers: { "Content-Type": "application/json", Authorization: "Bearer x" }, credentials: "omit" },
      {
        preflight: { status: 204, headers: { "Access-Control-Allow-Origin": APP, "Access-Control-Allow-Methods": "PUT", "Access-Control-Allow-Headers": "content-type, authorization" } },
        actual: redirectTo("https://other.example/b", 307),
      },
    );
    expect(result.next).toMatchObject({
      index: 1,
      url: "https://other.example/b",
      method: "PUT",
      headers: { "Content-Type": "application/json", Origin: "null" },
      preflight: { method: "OPTIONS", url: "https://other.example/b", headers: { Origin: "null", "Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "content-type" } },
    });
    expect(result.next?.headers).not.toHaveProperty("Authorization");
  });

  it("303 turns POST into GET without Content-Type, and the second hop's index is 2", () => {
    const result = simulate(
      { origin: APP, url: "https://api.example/a", method: "POST", headers: { "Content-Type": "text/plain" }, credentials: "omit" },
      { actual: redirectTo("/b", 303), redirects: [{ actual: redirectTo("/c") }] },
    );
    expect(result.next).toMatchObject({ index: 2, url: "https://api.example/c", method: "GET" });
    expect(result.next?.headers).not.toHaveProperty("Content-Type");
    expect(result.next?.preflight).toBeUndefined();
  });
});
