import { describe, expect, it } from "vitest";
import { defaultSettings } from "@/lib/cors";
import type { PolicyContent } from "@/lib/api/schemas/policy";
import {
  applyFindingFixes,
  contentFromState,
  diffContents,
  lintState,
  mergeOnto,
  sameContent,
  saveRequestFromState,
  splitPasted,
  stateFromContent,
  stateMatchesContent,
} from "./draft-model";

const content = (origins: string[], extra: Partial<PolicyContent> = {}): PolicyContent => ({
  origins: origins.map((value) => ({ value, note: null, expiresAt: null })),
  ...defaultSettings(),
  allowedMethods: ["PUT"],
  ...extra,
});

describe("editor state", () => {
  it("round-trips policy content", () => {
    const c = content(["https://a.example"], { allowedHeaders: ["x-a", "x-b"], maxAgeSeconds: 600 });
    expect(sameContent(contentFromState(stateFromContent(c)), c)).toBe(true);
    expect(saveRequestFromState(stateFromContent(c), 7)).toMatchObject({ revision: 7, allowedHeaders: ["x-a", "x-b"], maxAgeSeconds: 600 });
  });

  it("treats an empty note as no note and compares expiry instants", () => {
    const a = content(["https://a.example"]);
    const b: PolicyContent = { ...a, origins: [{ value: "https://a.example", note: "  ", expiresAt: null }] };
    expect(sameContent(a, b)).toBe(true);
    const c: PolicyContent = { ...a, origins: [{ value: "https://a.example", note: null, expiresAt: "2030-01-01T00:00:00Z" }] };
    const d: PolicyContent = { ...a, origins: [{ value: "https://a.example", note: null, expiresAt: "2030-01-01T00:00:00.000Z" }] };
    expect(sameContent(c, d)).toBe(true);
  });

  it("tells cheaply whether the working copy still equals the saved content", () => {
    const c = content(["https://a.example"], { allowedHeaders: ["x-a"], maxAgeSeconds: 600 });
    const state = stateFromContent(c);
    expect(stateMatchesContent(state, c)).toBe(true);
    expect(stateMatchesContent({ ...state, allowedHeaders: "x-a,  " }, c)).toBe(true);
    expect(stateMatchesContent({ ...state, maxAgeSeconds: "60" }, c)).toBe(false);
    expect(stateMatchesContent({ ...state, origins: [{ ...state.origins[0]!, note: "qa" }] }, c)).toBe(false);
    expect(stateMatchesContent({ ...state, origins: [] }, c)).toBe(false);
  });

  it("splits pasted text on lines and commas", () => {
    expect(splitPasted("https://a.example, https://b.example\n\n  https://c.example \n")).toEqual(["https://a.example", "https://b.example", "https://c.example"]);
  });
});

describe("lint and fixes", () => {
  it("puts origin findings on their row and fixes them by key", () => {
    const state = stateFromContent(content(["https://ok.example", "HTTPS://App.Example.com/"]));
    const lint = lintState(state, { protected: false }, Date.now());
    const rowFindings = lint.byKey.get(state.origins[1]!.key)!;
    expect(rowFindings[0]).toMatchObject({ severity: "error", fix: { value: "https://app.example.com" } });
    // A row inserted before it since the lint ran: the fix still lands on the right row.
    const moved = { ...state, origins: [{ key: "new", value: "https://new.example", note: "", expiresAt: null }, ...state.origins] };
    const fixed = applyFindingFixes(moved, rowFindings, lint);
    expect(fixed.origins.map((o) => o.value)).toEqual(["https://new.example", "https://ok.example", "https://app.example.com"]);
    expect(fixed.origins[2]!.key).toBe(state.origins[1]!.key);
  });

  it("applies settings fixes to the text fields", () => {
    const state = stateFromContent(content(["https://a.example"], { allowedMethods: ["GET", "patch"], maxAgeSeconds: 86_400 }));
    const lint = lintState(state, { protected: false }, Date.now());
    const fixes = (lint.byField.allowedMethods ?? []).filter((f) => f.code === "safelisted-method").concat(lint.byField.maxAgeSeconds ?? []);
    const fixed = applyFindingFixes(state, fixes, lint);
    expect(fixed.allowedMethods).toBe("patch");
    expect(fixed.maxAgeSeconds).toBe("7200");
  });
});

describe("diff and merge", () => {
  it("diffs origins and settings", () => {
    const diff = diffContents(content(["https://a.example", "https://b.example"]), content(["https://b.example", "https://c.example"], { allowCredentials: true }));
    expect(diff.origins).toEqual([
      expect.objectContaining({ value: "https://c.example", change: "added" }),
      expect.objectContaining({ value: "https://a.example", change: "removed" }),
    ]);
    expect(diff.settings).toEqual([{ field: "allowCredentials", before: false, after: true }]);
    expect(diff.empty).toBe(false);
  });

  it("re-applies my changes on top of theirs", () => {
    const base = content(["https://a.example", "https://b.example"]);
    const mine = content(["https://a.example", "https://mine.example"], { maxAgeSeconds: 600 }); // removed b, added mine
    const theirs = content(["https://a.example", "https://b.example", "https://theirs.example"], { allowCredentials: true });
    const { content: merged, conflicts } = mergeOnto(base, mine, theirs);
    expect(merged.origins.map((o) => o.value)).toEqual(["https://a.example", "https://theirs.example", "https://mine.example"]);
    expect(merged.allowCredentials).toBe(true);
    expect(merged.maxAgeSeconds).toBe(600);
    expect(conflicts).toEqual([]);
  });

  it("reports where both changed the same thing", () => {
    const base = content(["https://a.example"]);
    const mine = content(["https://a.example"], { maxAgeSeconds: 600 });
    const theirs = content(["https://a.example"], { maxAgeSeconds: 60 });
    const { content: merged, conflicts } = mergeOnto(base, mine, theirs);
    expect(merged.maxAgeSeconds).toBe(600);
    expect(conflicts).toEqual(["Both changed max-age; yours is kept."]);
  });
});
