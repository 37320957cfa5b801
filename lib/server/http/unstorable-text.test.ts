import { describe, expect, it } from "vitest";
import { unstorableTextErrors, unstorableTextMessage } from "./unstorable-text";

describe("unstorable text", () => {
  it.each(["plain", "", "caf\u00e9", "emoji \ud83d\ude00 pair", "\ud83d\ude00"])("accepts %j", (text) => {
    expect(unstorableTextMessage(text)).toBeNull();
  });

  it.each([
    ["a\u0000b", /NUL.*position 2/],
    ["\ud800", /U\+D800 at position 1/],
    ["x\udfff", /U\+DFFF at position 2/],
    ["\ude00\ud83d", /U\+DE00 at position 1/],
    ["ok \ud83d", /U\+D83D at position 4/],
  ])("refuses %j", (text, message) => {
    expect(unstorableTextMessage(text)).toMatch(message);
  });

  it("names every field, nested values and keys included", () => {
    expect(unstorableTextErrors({ a: "ok", b: ["x", "y\u0000"], c: { "k\u0000": "v", d: "\ud800" } }, "body")).toEqual([
      { field: "body.b.1", code: "invalid_text", message: expect.stringContaining("NUL") },
      { field: "body.c.k\u0000", code: "invalid_text", message: expect.stringContaining("field's name") },
      { field: "body.c.d", code: "invalid_text", message: expect.stringContaining("U+D800") },
    ]);
  });

  it("refuses JSON nested deeper than any request needs, naming where, instead of overflowing the stack", () => {
    const deep = JSON.parse(`{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}`) as unknown;
    const errors = unstorableTextErrors(deep, "body");
    expect(errors).toEqual([{ field: `body.a${".0".repeat(63)}`, code: "too_deep", message: expect.stringContaining("64 levels") }]);
    // 64 levels are fine.
    const ok = JSON.parse(`${"[".repeat(64)}"x"${"]".repeat(64)}`) as unknown;
    expect(unstorableTextErrors(ok, "body")).toEqual([]);
  });

  it("stops at 20 errors", () => {
    expect(unstorableTextErrors(Array.from({ length: 1000 }, () => "\u0000"), "body")).toHaveLength(20);
  });
});
