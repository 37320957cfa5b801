import { describe, expect, it } from "vitest";
import type { PolicyContent } from "@/lib/api/schemas/policy";
import { diffForAudit, diffPolicies, samePolicyContent } from "./diff-policies";
import { EMPTY_POLICY } from "@/lib/api/policy-defaults";

const policy = (origins: [string, (string | null)?, (string | null)?][], extra: Partial<PolicyContent> = {}): PolicyContent => ({
  ...EMPTY_POLICY,
  origins: origins.map(([value, note = null, expiresAt = null]) => ({ value, note, expiresAt })),
  ...extra,
});

describe("diffPolicies", () => {
  it("added, changed (note or expiry), removed — keyed by value; order is not a change", () => {
    const before = policy([["https://a.example.com"], ["https://b.example.com", "old"], ["https://c.example.com"]]);
    const after = policy([["https://b.example.com", "new"], ["https://d.example.com"], ["https://a.example.com"]]);
    expect(diffPolicies(before, after)).toEqual({
      origins: [
        { value: "https://b.example.com", change: "changed", before: { note: "old", expiresAt: null }, after: { note: "new", expiresAt: null } },
        { value: "https://d.example.com", change: "added", before: null, after: { note: null, expiresAt: null } },
        { value: "https://c.example.com", change: "removed", before: { note: null, expiresAt: null }, after: null },
      ],
      settings: [],
      empty: false,
    });
    expect(diffPolicies(before, policy([["https://c.example.com"], ["https://b.example.com", "old"], ["https://a.example.com"]])).empty).toBe(true);
  });

  it("the same instant written differently is no change; settings differences are listed in form order", () => {
    const before = policy([["https://a.example.com", null, "2030-01-01T00:00:00Z"]], { allowedMethods: ["PUT"] });
    const after = policy([["https://a.example.com", null, "2030-01-01T00:00:00.000Z"]], { allowedMethods: ["PUT", "DELETE"], maxAgeSeconds: 60 });
    expect(diffPolicies(before, after)).toEqual({
      origins: [],
      settings: [
        { field: "allowedMethods", before: ["PUT"], after: ["PUT", "DELETE"] },
        { field: "maxAgeSeconds", before: null, after: 60 },
      ],
      empty: false,
    });
  });

  it("compares with the empty policy when nothing was published", () => {
    expect(diffPolicies(null, EMPTY_POLICY).empty).toBe(true);
    expect(diffPolicies(null, policy([["https://a.example.com"]])).origins.map((o) => o.change)).toEqual(["added"]);
  });

  it("audit before/after hold only what changed", () => {
    const diff = diffPolicies(policy([["https://a.example.com"]], { maxAgeSeconds: 5 }), policy([["https://b.example.com"]], { maxAgeSeconds: 10 }));
    expect(diffForAudit(diff)).toEqual({
      before: { origins: [{ value: "https://a.example.com", note: null, expiresAt: null }], maxAgeSeconds: 5 },
      after: { origins: [{ value: "https://b.example.com", note: null, expiresAt: null }], maxAgeSeconds: 10 },
    });
  });

  it("samePolicyContent is order-sensitive and exact", () => {
    const a = policy([["https://a.example.com"], ["https://b.example.com"]]);
    expect(samePolicyContent(a, policy([["https://a.example.com"], ["https://b.example.com"]]))).toBe(true);
    expect(samePolicyContent(a, policy([["https://b.example.com"], ["https://a.example.com"]]))).toBe(false);
    expect(samePolicyContent(a, policy([["https://a.example.com"], ["https://b.example.com"]], { noOrigin: "reject" }))).toBe(false);
  });
});
