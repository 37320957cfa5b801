import { describe, expect, it } from "vitest";
import type { SavedCheck, SavedCheckRunResult } from "@/lib/api/schemas/saved-check";
import { formatRunReport, summaryLine } from "./format-run-report";

const base: SavedCheck = {
  id: "1",
  name: "app can PUT orders",
  url: "https://api.example.com/orders",
  origin: "https://app.example.com",
  method: "PUT",
  headers: {},
  credentials: "include",
  expect: "allowed",
  sendActual: false,
  engines: ["chromium"],
  position: 0,
  createdBy: "a@example.com",
  createdAt: "2030-01-01T00:00:00.000Z",
  updatedAt: "2030-01-01T00:00:00.000Z",
  lastRun: null,
};

const ran = (c: Partial<SavedCheck>, run: Partial<NonNullable<SavedCheck["lastRun"]>>): SavedCheck => ({
  ...base,
  ...c,
  lastRun: { at: "2030-01-01T00:00:00.000Z", trigger: "api", verdict: "allowed", passed: true, version: 3, result: null, error: null, engines: [], ...run },
});

describe("formatRunReport", () => {
  it("prints passes, failures with why and fix, and a summary", () => {
    const failing = ran(
      { id: "2", name: "partner GET", method: "GET", credentials: "omit" },
      { verdict: "blocked", passed: false, result: { failure: { rule: "allow-origin-missing", message: "No Access-Control-Allow-Origin.", fix: "Add the origin." } } as never },
    );
    const run: SavedCheckRunResult = { trigger: "api", liveVersion: 3, checks: [ran({}, {}), failing], total: 2, passed: 1, failed: 1 };
    const text = formatRunReport(run, { project: "shop", environment: "prod" });
    expect(text).toContain("Saved checks of shop/prod (live version v3):");
    expect(text).toContain("✓ PASS  app can PUT orders  (preflight only — the actual response was not checked)");
    expect(text).toContain("✗ FAIL  partner GET\n");
    expect(text).toContain("https://app.example.com → PUT https://api.example.com/orders (with credentials)");
    expect(text).toContain("✗ FAIL  partner GET");
    expect(text).toContain("expected allowed, got blocked");
    expect(text).toContain("Why: No Access-Control-Allow-Origin.");
    expect(text).toContain("Fix: Add the origin.");
    expect(text).toContain("Rule: allow-origin-missing");
    expect(text.trim().split("\n").at(-1)).toBe("1 of 2 saved checks failed.");
  });

  it("drops the preflight-only label when the check sends the actual request (sendActual)", () => {
    const run: SavedCheckRunResult = { trigger: "api", liveVersion: 3, checks: [ran({ sendActual: true }, {})], total: 1, passed: 1, failed: 0 };
    const text = formatRunReport(run, { project: "shop", environment: "prod" });
    expect(text).toContain("✓ PASS  app can PUT orders\n");
    expect(text).not.toContain("preflight only");
  });

  it("explains an origin that should stay out but is let in", () => {
    const run: SavedCheckRunResult = { trigger: "api", liveVersion: null, checks: [ran({ expect: "blocked" }, { verdict: "allowed", passed: false })], total: 1, passed: 0, failed: 1 };
    const text = formatRunReport(run, { project: "p", environment: "e" });
    expect(text).toContain("nothing published yet");
    expect(text).toContain("expects it to stay out");
  });

  it("summaries", () => {
    expect(summaryLine({ total: 0, passed: 0, failed: 0 })).toBe("No saved checks to run.");
    expect(summaryLine({ total: 1, passed: 1, failed: 0 })).toBe("All 1 saved check passed.");
    expect(summaryLine({ total: 3, passed: 3, failed: 0 })).toBe("All 3 saved checks passed.");
  });
});
