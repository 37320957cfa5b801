import { describe, expect, it } from "vitest";
import { applyFix, applyFixes } from "./apply-fix";
import { lintPolicy } from "./lint";
import type { PolicyInput, PolicyPatch } from "./types";

describe("applyFix", () => {
  const base: PolicyInput = { origins: ["a", { value: "b", expiresAt: 5, note: "keep" }, "c"], maxAgeSeconds: 9 };
  const CASES: readonly { name: string; patch: PolicyPatch; expected: PolicyInput }[] = [
    { name: "replace a string", patch: { op: "replace-origin", index: 0, value: "x" }, expected: { ...base, origins: ["x", base.origins[1]!, "c"] } },
    { name: "replace keeps rule metadata", patch: { op: "replace-origin", index: 1, value: "y" }, expected: { ...base, origins: ["a", { value: "y", expiresAt: 5, note: "keep" }, "c"] } },
    { name: "remove", patch: { op: "remove-origin", index: 1 }, expected: { ...base, origins: ["a", "c"] } },
    { name: "out of range is ignored", patch: { op: "replace-origin", index: 9, value: "z" }, expected: base },
    { name: "set a field", patch: { op: "set", field: "maxAgeSeconds", value: 7200 }, expected: { ...base, maxAgeSeconds: 7200 } },
  ];
  it.each(CASES)("$name", ({ patch, expected }) => {
    const before = JSON.stringify(base);
    expect(applyFix(base, patch)).toEqual(expected);
    expect(JSON.stringify(base)).toBe(before);
  });

  it("applies several removals without index shifts", () => {
    expect(applyFixes({ origins: ["a", "b", "c", "d"] }, [{ op: "remove-origin", index: 1 }, { op: "remove-origin", index: 2 }, { op: "replace-origin", index: 3, value: "D" }]).origins).toEqual(["a", "D"]);
  });

  it("applying every offered fix leaves no error", () => {
    const policy: PolicyInput = {
      origins: ["HTTPS://App.example.com/", "https://app.example.com", "example.org", "https://b.example.com:443", "null", "https://x.app.example.com", "https://*.app.example.com"],
      noOrigin: "reject",
    };
    const findings = lintPolicy(policy, { protected: true });
    const fixed = applyFixes(policy, findings.flatMap((f) => (f.fix ? [f.fix.patch] : [])));
    expect(fixed.origins).toEqual(["https://app.example.com", "https://example.org", "https://b.example.com", "https://*.app.example.com"]);
    expect(lintPolicy(fixed, { protected: true }).filter((f) => f.severity === "error")).toEqual([]);
  });
});
