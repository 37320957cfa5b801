import { describe, expect, it } from "vitest";
import { checkHeaderValue } from "./header-value";

describe("checkHeaderValue: what fetch() does with a header value", () => {
  it.each([
    ["application/json", "application/json"],
    ["  padded\t", "padded"],
    ["\r\nends with CRLF\r\n", "ends with CRLF"],
    ["latin-1 \u00e9\u00ff", "latin-1 \u00e9\u00ff"],
    ["", ""],
  ])("sends %j as %j (leading and trailing HTTP whitespace trimmed)", (value, sent) => {
    expect(checkHeaderValue("X-Test", value)).toEqual({ ok: true, value: sent });
  });

  it.each([
    ["a\r\nX-Injected: 1", /X-Test.*line break/],
    ["a\nb", /X-Test.*line break/],
    ["a\rb", /X-Test.*line break/],
    ["a\0b", /X-Test.*NUL/],
    ["\u20ac 10", /X-Test.*"€" \(U\+20AC\)/],
    ["emoji \ud83d\ude00", /X-Test.*U\+1F600/],
    ["lone \ud800", /X-Test.*U\+D800/],
  ])("refuses %j, naming the header", (value, message) => {
    const checked = checkHeaderValue("X-Test", value);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.message).toMatch(message);
  });

  it("agrees with the platform's Headers (Node's fetch implementation)", () => {
    for (const value of ["ok", " x ", "a\r\nb", "a\0b", "\u20ac", "\u00ff", "\tx\n"]) {
      let platform: string | null;
      try {
        platform = new Headers({ "x-test": value }).get("x-test");
      } catch {
        platform = null;
      }
      const checked = checkHeaderValue("X-Test", value);
      expect(checked.ok ? checked.value : null, JSON.stringify(value)).toBe(platform);
    }
  });
});
