import { describe, expect, it } from "vitest";
import { csvField, csvRecord } from "./csv";

describe("CSV escaping (RFC 4180)", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\r\nlf", '"cr\r\nlf"'],
    [" padded ", '" padded "'],
    ['{"a":1,"b":"x"}', '"{""a"":1,""b"":""x""}"'],
    ["=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\""],
    ["+1", "'+1"],
    ["-2", "'-2"],
    ["@sum", "'@sum"],
  ])("%j → %s", (input, output) => {
    expect(csvField(input)).toBe(output);
  });

  it("null and undefined are empty fields; records end with CRLF", () => {
    expect(csvRecord(["a", null, undefined, "b,c"])).toBe('a,,,"b,c"\r\n');
  });
});
