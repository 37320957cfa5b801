import { describe, expect, it } from "vitest";
import { originProblem } from "./origin-problem";

describe("originProblem", () => {
  it("accepts a serialized origin", () => {
    expect(originProblem("https://app.example.com")).toBeNull();
    expect(originProblem(" http://localhost:3000 ")).toBeNull();
  });

  it("gives the core's message and the canonical origin as a one-click fix", () => {
    expect(originProblem("HTTPS://App.Example.com/")).toMatchObject({ fix: "https://app.example.com" });
    expect(originProblem("app.example.com")).toEqual({ message: expect.stringContaining("has no scheme"), fix: "https://app.example.com" });
  });

  it("refuses empty input, patterns, * and null (a page has one origin)", () => {
    expect(originProblem("")?.fix).toBeNull();
    for (const value of ["https://*.example.com", "*", "null"]) expect(originProblem(value)?.message).toContain("not a wildcard pattern");
  });
});
