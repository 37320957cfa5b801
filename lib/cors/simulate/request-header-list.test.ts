import { describe, expect, it } from "vitest";
import { forbiddenRequestHeader } from "./forbidden";
import { buildRequestHeaderList } from "./request-header-list";

describe("forbiddenRequestHeader", () => {
  it.each([
    { name: "Cookie", header: "Cookie", value: "a=b", forbidden: true, chromiumOnly: false },
    { name: "Origin", header: "origin", value: "x", forbidden: true, chromiumOnly: false },
    { name: "Sec- prefix", header: "Sec-Fetch-Mode", value: "cors", forbidden: true, chromiumOnly: false },
    { name: "Proxy- prefix", header: "Proxy-Authorization", value: "x", forbidden: true, chromiumOnly: false },
    { name: "User-Agent (Chromium only)", header: "User-Agent", value: "x", forbidden: true, chromiumOnly: true },
    { name: "X-HTTP-Method-Override: TRACE", header: "X-HTTP-Method-Override", value: "TRACE", forbidden: true, chromiumOnly: false },
    { name: "X-Method-Override: get, track", header: "X-Method-Override", value: "get, track", forbidden: true, chromiumOnly: false },
    { name: "X-HTTP-Method-Override: PUT", header: "X-HTTP-Method-Override", value: "PUT", forbidden: false, chromiumOnly: false },
    { name: "Access-Control-Request-Private-Network is allowed", header: "Access-Control-Request-Private-Network", value: "true", forbidden: false, chromiumOnly: false },
    { name: "Authorization", header: "Authorization", value: "x", forbidden: false, chromiumOnly: false },
  ])("$name", ({ header, value, forbidden, chromiumOnly }) => {
    const verdict = forbiddenRequestHeader(header, value);
    expect(verdict.forbidden).toBe(forbidden);
    expect(verdict.chromiumOnly).toBe(chromiumOnly);
  });
});

describe("buildRequestHeaderList", () => {
  it.each<{ name: string; headers: Record<string, string>; list: { name: string; value: string }[]; dropped: string[] }>([
    {
      name: "adds Accept: */* when absent",
      headers: { "X-A": "1" },
      list: [
        { name: "X-A", value: "1" },
        { name: "Accept", value: "*/*" },
      ],
      dropped: [] as string[],
    },
    { name: "keeps the page's Accept", headers: { accept: "application/json" }, list: [{ name: "accept", value: "application/json" }], dropped: [] },
    {
      name: "normalizes values (strips HTTP whitespace)",
      headers: { Accept: " \t a \n" },
      list: [{ name: "Accept", value: "a" }],
      dropped: [],
    },
    {
      name: "joins two spellings of a name",
      headers: { "X-A": "1", "x-a": "2", Accept: "*/*" },
      list: [
        { name: "X-A", value: "1, 2" },
        { name: "Accept", value: "*/*" },
      ],
      dropped: [],
    },
    {
      name: "drops forbidden headers",
      headers: { Cookie: "a", "User-Agent": "b", Accept: "*/*" },
      list: [{ name: "Accept", value: "*/*" }],
      dropped: ["Cookie", "User-Agent"],
    },
  ])("$name", ({ headers, list, dropped }) => {
    const result = buildRequestHeaderList(headers);
    if (!result.ok) throw new Error(result.message);
    expect(result.list).toEqual(list);
    expect(result.dropped.map((d) => d.name)).toEqual(dropped);
  });

  it.each<{ name: string; headers: Record<string, string>; rule: string }>([
    { name: "a space in a name", headers: { "X A": "1" }, rule: "invalid-header-name" },
    { name: "an empty name", headers: { "": "1" }, rule: "invalid-header-name" },
    { name: "LF inside a value", headers: { "X-A": "a\nb" }, rule: "invalid-header-value" },
    { name: "NUL inside a value", headers: { "X-A": "a\0b" }, rule: "invalid-header-value" },
    { name: "a character above U+00FF", headers: { "X-A": "€" }, rule: "invalid-header-value" },
  ])("rejects $name", ({ headers, rule }) => {
    const result = buildRequestHeaderList(headers);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.rule).toBe(rule);
  });
});
