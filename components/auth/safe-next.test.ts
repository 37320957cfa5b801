import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next";

const ORIGIN = "https://corsboard.example";
const HOME = "/";

describe("safeNextPath: where sign-in may send you", () => {
  it.each([
    ["/projects/shop?tab=history#v3", "/projects/shop?tab=history#v3"],
    ["/tester?url=https%3A%2F%2Fapi.example.com", "/tester?url=https%3A%2F%2Fapi.example.com"],
    ["projects", "/projects"],
    [`${ORIGIN}/audit`, "/audit"],
    [null, HOME],
    ["", HOME],
  ])("follows %j on its own origin", (next, expected) => {
    expect(safeNextPath(next, ORIGIN)).toBe(expected);
  });

  // Each of these lands on another site when followed as given (the issue's
  // two, then their relatives); some resolve to a harmless path of this
  // origin instead (`https:evil.example` is the path /evil.example here).
  it.each([
    "/\\evil.example",
    "/\t/evil.example",
    "/%09/evil.example".replace("%09", "\t"),
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "//evil.example",
    "///evil.example",
    "/.//evil.example/x",
    " //evil.example",
    "https://evil.example/",
    "https:evil.example",
    "HTTPS://evil.example",
    "http://corsboard.example/",
    "https://corsboard.example.evil.example/",
    "https://corsboard.example@evil.example/",
    "https://corsboard.example:444/",
    "javascript:alert(document.domain)",
    "data:text/html,<script>alert(1)</script>",
    "//evil.example/%2F..",
    "/\u3000/evil.example",
    "http://[::1]/",
  ])("refuses %j", (next) => {
    const result = safeNextPath(next, ORIGIN);
    expect(result).toMatch(/^\/(?![/\\])/);
    expect(new URL(result, ORIGIN).origin).toBe(ORIGIN);
  });
});
