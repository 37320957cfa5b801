import { describe, expect, it } from "vitest";
import { isCorsSafelistedMethod, isForbiddenMethod, isMethod, normalizeMethod } from "./method";

describe("normalizeMethod", () => {
  it.each([
    { name: "post is uppercased", input: "post", expected: "POST" },
    { name: "Get is uppercased", input: "Get", expected: "GET" },
    { name: "delete is uppercased", input: "delete", expected: "DELETE" },
    { name: "options is uppercased", input: "options", expected: "OPTIONS" },
    { name: "patch is NOT uppercased", input: "patch", expected: "patch" },
    { name: "Patch keeps its case", input: "Patch", expected: "Patch" },
    { name: "custom methods keep their case", input: "purge", expected: "purge" },
    { name: "PUT stays PUT", input: "PUT", expected: "PUT" },
  ])("$name", ({ input, expected }) => {
    expect(normalizeMethod(input)).toBe(expected);
  });
});

describe("isCorsSafelistedMethod (after normalizing)", () => {
  it.each([
    { name: "GET", method: "GET", expected: true },
    { name: "HEAD", method: "HEAD", expected: true },
    { name: "POST", method: "POST", expected: true },
    { name: "PUT", method: "PUT", expected: false },
    { name: "PATCH", method: "PATCH", expected: false },
    { name: "un-normalized get is compared byte-exact", method: "get", expected: false },
  ])("$name", ({ method, expected }) => {
    expect(isCorsSafelistedMethod(method)).toBe(expected);
  });
});

describe("isForbiddenMethod / isMethod", () => {
  it.each([
    { name: "TRACE", method: "TRACE", forbidden: true, valid: true },
    { name: "connect in lowercase", method: "connect", forbidden: true, valid: true },
    { name: "Track", method: "Track", forbidden: true, valid: true },
    { name: "PUT", method: "PUT", forbidden: false, valid: true },
    { name: "a space is not a token", method: "GET X", forbidden: false, valid: false },
    { name: "empty", method: "", forbidden: false, valid: false },
  ])("$name", ({ method, forbidden, valid }) => {
    expect(isForbiddenMethod(method)).toBe(forbidden);
    expect(isMethod(method)).toBe(valid);
  });
});
