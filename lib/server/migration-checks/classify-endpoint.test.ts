import { describe, expect, it } from "vitest";
import type { LiveResult, MigrationCell, Prediction } from "@/lib/api/schemas/migration-check";
import { cellDrift, classifyEndpoint, summarize, unreachableReason } from "./classify-endpoint";

const live = (verdict: LiveResult["verdict"], error: string | null = null): LiveResult => ({ verdict, stage: verdict === "blocked" ? "actual" : null, failure: null, actualChecked: true, error });
const allow: Prediction = { verdict: "allowed", failure: null };
const block: Prediction = { verdict: "blocked", failure: { rule: "allow-origin-missing", message: "m", fix: "f" } };

/** Three shapes per origin: `old` and `new` give each shape's live verdict ("a" allowed, "b" blocked, "u" unreachable). */
function cells(old: string, next: string): Pick<MigrationCell, "origin" | "live">[] {
  const v = (c: string) => live(c === "a" ? "allowed" : c === "b" ? "blocked" : "unreachable", c === "u" ? "timed out" : null);
  return [...[...old].map((c) => ({ origin: "old" as const, live: v(c) })), ...[...next].map((c) => ({ origin: "new" as const, live: v(c) }))];
}

describe("classifyEndpoint", () => {
  it.each([
    ["aaa", "aaa", "ready"],
    ["bbb", "aaa", "ready"],
    ["aaa", "bbb", "old-only"],
    ["abb", "bbb", "old-only"],
    ["bbb", "bbb", "neither"],
    ["aaa", "aab", "partial"],
    ["bbb", "abb", "partial"],
    ["aau", "aaa", "unreachable"],
    ["aaa", "uuu", "unreachable"],
  ])("old %s, new %s → %s", (old, next, expected) => {
    expect(classifyEndpoint(cells(old, next))).toBe(expected);
  });

  it("gives the first network error as the reason", () => {
    expect(unreachableReason(cells("aau", "uaa"))).toBe("timed out");
    expect(unreachableReason(cells("aaa", "aaa"))).toBeNull();
  });
});

describe("cellDrift", () => {
  it("flags the allowlist allowing what the service blocks, and the reverse", () => {
    expect(cellDrift(live("blocked"), allow)).toBe("allowlist-allows");
    expect(cellDrift(live("allowed"), block)).toBe("live-allows");
    expect(cellDrift(live("allowed"), allow)).toBeNull();
    expect(cellDrift(live("blocked"), block)).toBeNull();
  });

  it("has nothing to compare when unreachable or never published", () => {
    expect(cellDrift(live("unreachable", "x"), allow)).toBeNull();
    expect(cellDrift(live("blocked"), null)).toBeNull();
  });
});

describe("summarize", () => {
  it("counts classes, drift and probes", () => {
    const c = cells("aaa", "aaa");
    expect(
      summarize([
        { class: "ready", drift: false, cells: c },
        { class: "ready", drift: true, cells: c },
        { class: "old-only", drift: false, cells: c },
        { class: "unreachable", drift: false, cells: c },
      ]),
    ).toEqual({ endpoints: 4, probes: 24, ready: 2, oldOnly: 1, neither: 0, partial: 0, unreachable: 1, authBeforeCors: 0, drift: 1 });
  });
});
