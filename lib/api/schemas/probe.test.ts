import { describe, expect, it } from "vitest";
import { probeRequestSchema } from "./probe";

describe("probe request header values", () => {
  it("refuses what fetch() refuses, naming the header, and trims what fetch() trims", () => {
    const base = { url: "https://api.example.com/x", origin: "https://app.example.com" };
    const bad = probeRequestSchema.safeParse({ ...base, headers: { "X-Trace": "1\r\nHost: evil" } });
    expect(bad.error?.issues[0]?.path).toEqual(["headers", "X-Trace"]);
    expect(bad.error?.issues[0]?.message).toMatch(/X-Trace.*line break/);
    expect(probeRequestSchema.parse({ ...base, headers: { "X-Trace": "  1 " } }).headers).toEqual({ "X-Trace": "1" });
  });

  it("refuses control characters, which fetch() lets through but HTTP forbids (the probe's request threw: a 500 on every run)", () => {
    const base = { url: "https://api.example.com/x", origin: "https://app.example.com" };
    for (const [value, code] of [["a\u0001b", "U+0001"], ["a\u000bb", "U+000B"], ["a\u001fb", "U+001F"], ["a\u007fb", "U+007F"]] as const) {
      const bad = probeRequestSchema.safeParse({ ...base, headers: { "X-Trace": value } });
      expect(bad.error?.issues[0]?.path, JSON.stringify(value)).toEqual(["headers", "X-Trace"]);
      expect(bad.error?.issues[0]?.message).toMatch(new RegExp(`X-Trace.*control character.*${code.replace("+", "\\+")}`));
    }
    // A tab inside a value is HTTP whitespace, not a control character to refuse.
    expect(probeRequestSchema.parse({ ...base, headers: { "X-Trace": "a\tb" } }).headers).toEqual({ "X-Trace": "a\tb" });
  });
});
