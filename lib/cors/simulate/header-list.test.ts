import { describe, expect, it } from "vitest";
import { countHeader, extractTokenList, getHeader, splitHeaderValue, toHeaderList, type TokenListResult } from "./header-list";
import type { RawHeaders } from "./types";

describe("splitHeaderValue (get, decode, and split)", () => {
  it.each([
    { name: "single value", input: "a", expected: ["a"] },
    { name: "trims tab and space", input: " a ,\tb ", expected: ["a", "b"] },
    { name: "keeps empty items", input: "a,,b,", expected: ["a", "", "b", ""] },
    { name: "empty string is one empty item", input: "", expected: [""] },
    { name: "commas inside quotes do not split", input: 'text/html;"", text/plain;"x,y"', expected: ['text/html;""', 'text/plain;"x,y"'] },
    { name: "escaped quote inside quotes", input: '"a\\",b",c', expected: ['"a\\",b"', "c"] },
    { name: "unterminated quote runs to the end", input: '"a,b', expected: ['"a,b'] },
    { name: "text after a quoted string continues the item", input: '"a"b,c', expected: ['"a"b', "c"] },
  ])("$name", ({ input, expected }) => {
    expect(splitHeaderValue(input)).toEqual(expected);
  });
});

describe("toHeaderList / getHeader", () => {
  const list = toHeaderList({
    "Access-Control-Allow-Origin": ["https://a.example", "https://b.example"],
    "access-control-allow-credentials": "  true\t",
    Vary: "Origin",
  });

  it.each([
    { name: "repeated lines are joined with ', '", header: "access-control-allow-origin", expected: "https://a.example, https://b.example" },
    { name: "names are case-insensitive; values trimmed", header: "Access-Control-Allow-Credentials", expected: "true" },
    { name: "absent header is null", header: "Access-Control-Allow-Methods", expected: null },
  ])("$name", ({ header, expected }) => {
    expect(getHeader(list, header)).toBe(expected);
  });

  it("counts field lines", () => {
    expect(countHeader(list, "ACCESS-CONTROL-ALLOW-ORIGIN")).toBe(2);
    expect(countHeader(list, "vary")).toBe(1);
  });

  it("joins different spellings of one name in order", () => {
    expect(getHeader(toHeaderList({ "X-A": "1", "x-a": "2" }), "X-A")).toBe("1, 2");
  });
});

describe("extractTokenList (Access-Control-Allow-Methods / -Headers)", () => {
  it.each<{ name: string; headers: RawHeaders; expected: TokenListResult }>([
    { name: "absent", headers: {}, expected: { kind: "absent" } },
    { name: "a list keeps case", headers: { "Access-Control-Allow-Methods": "PUT, patch" }, expected: { kind: "list", raw: "PUT, patch", items: ["PUT", "patch"] } },
    { name: "empty items are ignored", headers: { "Access-Control-Allow-Methods": ", PUT,, " }, expected: { kind: "list", raw: ", PUT,,", items: ["PUT"] } },
    { name: "an empty value is an empty list", headers: { "Access-Control-Allow-Methods": "" }, expected: { kind: "list", raw: "", items: [] } },
    { name: "repeated lines are one list", headers: { "Access-Control-Allow-Methods": ["PUT", "DELETE"] }, expected: { kind: "list", raw: "PUT, DELETE", items: ["PUT", "DELETE"] } },
    { name: "a non-token fails the whole header", headers: { "Access-Control-Allow-Methods": "PUT, PO ST" }, expected: { kind: "invalid", raw: "PUT, PO ST", offending: "PO ST" } },
    { name: "a quoted item is not a token", headers: { "Access-Control-Allow-Methods": '"PUT"' }, expected: { kind: "invalid", raw: '"PUT"', offending: '"PUT"' } },
  ])("$name", ({ headers, expected }) => {
    expect(extractTokenList(toHeaderList(headers), "Access-Control-Allow-Methods")).toEqual(expected);
  });
});
