import { describe, expect, it } from "vitest";
import type { TesterRequest } from "@/lib/api/schemas/probe-record";
import { curlSnippet, fetchSnippet, needsPreflight, shellQuote, unsafeHeaderNames } from "./request-snippets";

const request = (over: Partial<TesterRequest>): TesterRequest => ({
  url: "https://api.example.com/items",
  origin: "https://app.example.com",
  method: "GET",
  headers: {},
  credentials: "omit",
  sendActual: false,
  ...over,
});

describe("the tester's request as curl and fetch()", () => {
  it("quotes anything for the shell", () => {
    expect(shellQuote("plain")).toBe("'plain'");
    expect(shellQuote("it's $HOME")).toBe(`'it'\\''s $HOME'`);
  });

  it("knows which requests a browser preflights, and which headers it names", () => {
    expect(needsPreflight(request({}))).toBe(false);
    expect(needsPreflight(request({ method: "POST", headers: { "Content-Type": "text/plain;charset=UTF-8" } }))).toBe(false);
    expect(needsPreflight(request({ method: "POST", headers: { "Content-Type": "application/json" } }))).toBe(true);
    expect(needsPreflight(request({ method: "PUT" }))).toBe(true);
    expect(unsafeHeaderNames({ Accept: "*/*", "X-Trace": "1", Authorization: "Bearer x", "Content-Type": "application/json" })).toEqual(["authorization", "content-type", "x-trace"]);
  });

  it("a simple GET is one curl command with the Origin", () => {
    expect(curlSnippet(request({}))).toBe("curl -i 'https://api.example.com/items' \\\n  -H 'Origin: https://app.example.com'");
  });

  it("a JSON PUT: the preflight first, then the request with its headers and body", () => {
    const text = curlSnippet(request({ method: "PUT", headers: { "Content-Type": "application/json" }, body: { type: "json", text: '{"a":"b\'c"}' }, credentials: "include" }));
    expect(text.split("\n")).toEqual([
      "# The preflight a browser sends first:",
      "curl -i -X OPTIONS 'https://api.example.com/items' \\",
      "  -H 'Origin: https://app.example.com' \\",
      "  -H 'Access-Control-Request-Method: PUT' \\",
      "  -H 'Access-Control-Request-Headers: content-type'",
      "# Then the request itself:",
      "curl -i -X PUT 'https://api.example.com/items' \\",
      "  -H 'Origin: https://app.example.com' \\",
      "  -H 'Content-Type: application/json' \\",
      `  --data-raw '{"a":"b'\\''c"}' \\`,
      "  -b 'name=value'  # the cookies the browser would send",
    ]);
  });

  it("fetch() for the app's console: the request as the browser would make it, naming the origin to open", () => {
    const text = fetchSnippet(request({ method: "PUT", headers: { "X-Trace": "1" }, body: { type: "text", text: "hi" }, browserCredentials: "include" }), "https://app.example.com");
    expect(text).toContain("// Paste in the DevTools console of a page open on https://app.example.com");
    expect(text).toContain('await fetch("https://api.example.com/items", {');
    expect(text).toContain('"method": "PUT"');
    expect(text).toContain('"credentials": "include"');
    expect(text).toContain('"body": "hi"');
    expect(fetchSnippet(request({}))).toContain("a page of your app: the browser sends it from that page's origin");
    // It parses as the body of an async function (what a console runs).
    expect(() => new Function(`return (async () => {\n${text}\n})`)).not.toThrow();
  });
});
