import { describe, expect, it } from "vitest";
import { parseOriginList } from "./origin-list";

describe("parseOriginList", () => {
  const cases: readonly {
    name: string;
    input: string | readonly string[];
    values: readonly (readonly [number, string])[];
    problems: readonly (readonly [number, string])[];
  }[] = [
    { name: "empty array", input: [], values: [], problems: [] },
    { name: "empty text", input: "", values: [], problems: [] },
    {
      name: "valid array",
      input: ["https://a.example", "https://*.b.example", "null"],
      values: [[0, "https://a.example"], [1, "https://*.b.example"], [2, "null"]],
      problems: [],
    },
    {
      name: "text: blank lines skipped, index is the line number",
      input: "https://a.example\n\n  \r\nhttp://localhost:3000\r\nexample.com\n",
      values: [[0, "https://a.example"], [3, "http://localhost:3000"]],
      problems: [[4, "missing-scheme"]],
    },
    {
      name: "array: empty strings are problems",
      input: ["https://a.example", "", "https://b.example"],
      values: [[0, "https://a.example"], [2, "https://b.example"]],
      problems: [[1, "empty"]],
    },
    {
      name: "every problem is reported, in order",
      input: ["https://a.example/", "ftp://x", "https://*.com", "https://ok.example", "https://a.*.b.example"],
      values: [[3, "https://ok.example"]],
      problems: [[0, "trailing-slash"], [1, "unsupported-scheme"], [2, "wildcard-public-suffix"], [4, "wildcard-position"]],
    },
    {
      name: "exact duplicates",
      input: ["https://a.example", "https://b.example", "https://a.example"],
      values: [[0, "https://a.example"], [1, "https://b.example"]],
      problems: [[2, "duplicate"]],
    },
    {
      name: "duplicates found on the canonical form",
      input: ["https://A.example/", "https://a.example", "https://a.example:443"],
      values: [],
      problems: [[0, "trailing-slash"], [1, "duplicate"], [2, "duplicate"]],
    },
    {
      name: "null and * duplicates",
      input: ["null", "*", "null", "*"],
      values: [[0, "null"], [1, "*"]],
      problems: [[2, "duplicate"], [3, "duplicate"]],
    },
  ];

  it.each(cases)("$name", ({ input, values, problems }) => {
    const result = parseOriginList(input);
    expect(result.origins.map((e) => [e.index, e.origin.value])).toEqual(values);
    expect(result.problems.map((p) => [p.index, p.code])).toEqual(problems);
    expect(result.ok).toBe(problems.length === 0);
  });

  it("a duplicate points at the first occurrence and says so", () => {
    const result = parseOriginList(["https://a.example", "x", "https://a.example"]);
    const duplicate = result.problems.find((p) => p.code === "duplicate");
    expect(duplicate).toMatchObject({ index: 2, duplicateOf: 0, value: "https://a.example" });
    expect(duplicate?.message).toContain("position 1");
  });
});
