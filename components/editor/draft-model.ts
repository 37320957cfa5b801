// The policy editor's working copy and the pure functions around it: load a
// draft, turn edits into a save request or a core PolicyInput, compare, diff,
// and re-apply one's own changes on top of a draft someone else saved (409).
// No React here, so it is unit-tested directly (draft-model.test.ts).

import { applyFixes, lintPolicy, type LintFinding, type PolicyField, type PolicyInput, type PolicyPatch } from "@/lib/cors";
import type { Draft, PolicyDiff, SaveDraftRequest } from "@/lib/api/schemas/editing";
import type { OriginRule, PolicyContent } from "@/lib/api/schemas/policy";
import { SETTING_FIELDS, type SettingField } from "@/lib/api/policy-defaults";

export interface EditorOrigin {
  /** Stable React key; never sent to the server. */
  readonly key: string;
  readonly value: string;
  readonly note: string;
  /** ISO date-time, or null = never expires. */
  readonly expiresAt: string | null;
}

/** What the form holds. Lists are kept as the text the user types (comma- or space-separated). */
export interface EditorState {
  readonly origins: readonly EditorOrigin[];
  readonly allowCredentials: boolean;
  readonly allowedMethods: string;
  readonly allowedHeaders: string;
  readonly reflectRequestHeaders: boolean;
  readonly exposedHeaders: string;
  /** Seconds as typed; "" = no Access-Control-Max-Age header. */
  readonly maxAgeSeconds: string;
  readonly noOrigin: "allow" | "reject";
  readonly allowPrivateNetwork: boolean;
}

export type SettingsField = Exclude<keyof EditorState, "origins">;

let keyCounter = 0;
export const newOriginKey = () => `o${(keyCounter++).toString(36)}`;

export const splitList = (text: string): string[] => text.split(/[\s,]+/).filter(Boolean);
export const joinList = (list: readonly string[]): string => list.join(", ");

export function parseMaxAge(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export function originFromRule(rule: OriginRule): EditorOrigin {
  return { key: newOriginKey(), value: rule.value, note: rule.note ?? "", expiresAt: rule.expiresAt };
}

export function stateFromContent(content: PolicyContent): EditorState {
  return {
    origins: content.origins.map(originFromRule),
    allowCredentials: content.allowCredentials,
    allowedMethods: joinList(content.allowedMethods),
    allowedHeaders: joinList(content.allowedHeaders),
    reflectRequestHeaders: content.reflectRequestHeaders,
    exposedHeaders: joinList(content.exposedHeaders),
    maxAgeSeconds: content.maxAgeSeconds === null ? "" : String(content.maxAgeSeconds),
    noOrigin: content.noOrigin,
    allowPrivateNetwork: content.allowPrivateNetwork,
  };
}

export const stateFromDraft = (draft: Draft): EditorState => stateFromContent(draft.content);

const normalizeNote = (note: string | null | undefined) => (note ?? "").trim() || null;
function normalizeExpiry(expiresAt: string | null | undefined): string | null {
  if (!expiresAt) return null;
  const time = Date.parse(expiresAt);
  return Number.isNaN(time) ? expiresAt : new Date(time).toISOString();
}

/** The working copy as policy content (what a version stores). Max-age that isn't a number stays NaN so lint flags it. */
export function contentFromState(state: EditorState): PolicyContent {
  return {
    origins: state.origins.map((o) => ({ value: o.value, note: normalizeNote(o.note), expiresAt: normalizeExpiry(o.expiresAt) })),
    allowCredentials: state.allowCredentials,
    allowedMethods: splitList(state.allowedMethods),
    allowedHeaders: splitList(state.allowedHeaders),
    reflectRequestHeaders: state.reflectRequestHeaders,
    exposedHeaders: splitList(state.exposedHeaders),
    maxAgeSeconds: parseMaxAge(state.maxAgeSeconds),
    noOrigin: state.noOrigin,
    allowPrivateNetwork: state.allowPrivateNetwork,
  };
}

export function saveRequestFromState(state: EditorState, revision: number): SaveDraftRequest {
  const content = contentFromState(state);
  return { revision, ...content, origins: content.origins.map((o) => ({ value: o.value, note: o.note, expiresAt: o.expiresAt })) };
}

/** A stable text form of policy content, to tell whether two contents are the same. */
export function contentFingerprint(content: PolicyContent): string {
  return JSON.stringify([
    content.origins.map((o) => [o.value, normalizeNote(o.note), normalizeExpiry(o.expiresAt)]),
    content.allowCredentials,
    content.allowedMethods,
    content.allowedHeaders,
    content.reflectRequestHeaders,
    content.exposedHeaders,
    content.maxAgeSeconds,
    content.noOrigin,
    content.allowPrivateNetwork,
  ]);
}

export const sameContent = (a: PolicyContent, b: PolicyContent) => contentFingerprint(a) === contentFingerprint(b);

/** Whether the working copy still equals some saved content — a plain loop, cheap enough for every keystroke on 5,000 origins. */
export function stateMatchesContent(state: EditorState, content: PolicyContent): boolean {
  if (state.origins.length !== content.origins.length) return false;
  for (let i = 0; i < state.origins.length; i++) {
    const o = state.origins[i]!;
    const c = content.origins[i]!;
    if (o.value !== c.value || normalizeNote(o.note) !== normalizeNote(c.note) || normalizeExpiry(o.expiresAt) !== normalizeExpiry(c.expiresAt)) return false;
  }
  const sameList = (text: string, list: readonly string[]) => sameValue(splitList(text), list);
  return (
    state.allowCredentials === content.allowCredentials &&
    sameList(state.allowedMethods, content.allowedMethods) &&
    sameList(state.allowedHeaders, content.allowedHeaders) &&
    state.reflectRequestHeaders === content.reflectRequestHeaders &&
    sameList(state.exposedHeaders, content.exposedHeaders) &&
    Object.is(parseMaxAge(state.maxAgeSeconds), content.maxAgeSeconds) &&
    state.noOrigin === content.noOrigin &&
    state.allowPrivateNetwork === content.allowPrivateNetwork
  );
}

type ContentSetting = SettingField;

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sameMeta = (a: OriginRule, b: OriginRule) => normalizeNote(a.note) === normalizeNote(b.note) && normalizeExpiry(a.expiresAt) === normalizeExpiry(b.expiresAt);
const meta = (o: OriginRule) => ({ note: normalizeNote(o.note), expiresAt: normalizeExpiry(o.expiresAt) });

/** The same shape of diff the server sends (draft vs live), computed in the browser. */
export function diffContents(before: PolicyContent, after: PolicyContent): PolicyDiff {
  const beforeMap = new Map(before.origins.map((o) => [o.value, o]));
  const afterMap = new Map(after.origins.map((o) => [o.value, o]));
  const origins: PolicyDiff["origins"] = [];
  for (const o of after.origins) {
    const old = beforeMap.get(o.value);
    if (!old) origins.push({ value: o.value, change: "added", before: null, after: meta(o) });
    else if (!sameMeta(old, o)) origins.push({ value: o.value, change: "changed", before: meta(old), after: meta(o) });
  }
  for (const o of before.origins) if (!afterMap.has(o.value)) origins.push({ value: o.value, change: "removed", before: meta(o), after: null });
  const settings = SETTING_FIELDS.filter((field) => !sameValue(before[field], after[field])).map((field) => ({ field, before: before[field], after: after[field] }));
  return { origins, settings, empty: origins.length === 0 && settings.length === 0 };
}

export interface MergeResult {
  content: PolicyContent;
  /** Where both sides changed the same thing; the user's change won. Human sentences. */
  conflicts: string[];
}

/**
 * Re-applies the user's changes (base → mine) on top of the draft someone else
 * saved (base → theirs): their added origins stay, mine are added, the ones I
 * removed go, my note/expiry edits and settings win where I changed them.
 */
export function mergeOnto(base: PolicyContent, mine: PolicyContent, theirs: PolicyContent): MergeResult {
  const conflicts: string[] = [];
  const baseMap = new Map(base.origins.map((o) => [o.value, o]));
  const mineMap = new Map(mine.origins.map((o) => [o.value, o]));
  const theirsMap = new Map(theirs.origins.map((o) => [o.value, o]));

  const result: OriginRule[] = [];
  for (const t of theirs.origins) {
    const b = baseMap.get(t.value);
    const m = mineMap.get(t.value);
    if (b && !m) {
      // I removed it.
      if (!sameMeta(b, t)) conflicts.push(`You removed ${t.value}; the other change edited its note or expiry.`);
      continue;
    }
    if (b && m && !sameMeta(b, m)) {
      if (!sameMeta(b, t) && !sameMeta(m, t)) conflicts.push(`Both changed the note or expiry of ${t.value}; yours is kept.`);
      result.push({ value: t.value, note: m.note, expiresAt: m.expiresAt });
      continue;
    }
    if (!b && m && !sameMeta(m, t)) {
      // Both added it, with different details.
      conflicts.push(`Both added ${t.value}; your note and expiry are kept.`);
      result.push({ value: t.value, note: m.note, expiresAt: m.expiresAt });
      continue;
    }
    result.push(t);
  }
  for (const m of mine.origins) {
    if (baseMap.has(m.value) || theirsMap.has(m.value)) continue;
    result.push(m);
  }
  for (const b of base.origins) {
    if (mineMap.has(b.value) && !theirsMap.has(b.value)) {
      const m = mineMap.get(b.value)!;
      if (!sameMeta(b, m)) conflicts.push(`You edited ${b.value}, which the other change removed; it stays removed.`);
    }
  }

  const settings = {} as Record<ContentSetting, unknown>;
  for (const field of SETTING_FIELDS) {
    const mineChanged = !sameValue(base[field], mine[field]);
    const theirsChanged = !sameValue(base[field], theirs[field]);
    if (mineChanged && theirsChanged && !sameValue(mine[field], theirs[field])) conflicts.push(`Both changed ${SETTING_LABELS[field]}; yours is kept.`);
    settings[field] = mineChanged ? mine[field] : theirs[field];
  }
  return { content: { ...(settings as Omit<PolicyContent, "origins">), origins: result }, conflicts };
}

export const SETTING_LABELS: Record<ContentSetting, string> = {
  allowCredentials: "credentials",
  allowedMethods: "allowed methods",
  allowedHeaders: "allowed headers",
  reflectRequestHeaders: "reflect requested headers",
  exposedHeaders: "exposed headers",
  maxAgeSeconds: "max-age",
  noOrigin: "requests without Origin",
  allowPrivateNetwork: "private network access",
};

// ---------------------------------------------------------------------------
// Lint (the core's lintPolicy on the working copy) and its one-click fixes
// ---------------------------------------------------------------------------

type KeyedRule = { key: string; value: string; note?: string; expiresAt: string | null };

/** The working copy as the core's PolicyInput; origins carry their row key (the core ignores it, applyFix keeps it). */
export function policyInputFromState(state: EditorState): PolicyInput & { origins: readonly KeyedRule[] } {
  const content = contentFromState(state);
  return {
    ...content,
    origins: state.origins.map((o) => ({ key: o.key, value: o.value, ...(o.note.trim() ? { note: o.note } : {}), expiresAt: o.expiresAt })),
  };
}

export interface LintResult {
  /** The working copy this result was computed for (lint runs debounced, or in a worker). */
  readonly source: EditorState;
  readonly findings: readonly LintFinding[];
  /** Findings of one origin row, by the row's key. */
  readonly byKey: ReadonlyMap<string, readonly LintFinding[]>;
  /** Findings about a settings field (or the whole policy). */
  readonly byField: Partial<Record<PolicyField, readonly LintFinding[]>>;
  /** Row keys in the order they were linted: finding.index → key. */
  readonly keyAt: readonly string[];
  readonly counts: { error: number; warning: number; info: number };
}

/** Puts the findings of a lint run of `state` where the editor shows them: on their row, or on their field. */
export function groupFindings(state: EditorState, findings: readonly LintFinding[]): LintResult {
  const byKey = new Map<string, LintFinding[]>();
  const byField: Partial<Record<PolicyField, LintFinding[]>> = {};
  const counts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) {
    counts[finding.severity]++;
    const key = finding.field === "origins" && finding.index !== null ? state.origins[finding.index]?.key : undefined;
    if (key) {
      const list = byKey.get(key);
      if (list) list.push(finding);
      else byKey.set(key, [finding]);
    } else {
      (byField[finding.field] ??= []).push(finding);
    }
  }
  return { source: state, findings, byKey, byField, keyAt: state.origins.map((o) => o.key), counts };
}

export function lintState(state: EditorState, environment: { protected: boolean; name?: string }, now: number): LintResult {
  return groupFindings(state, lintPolicy(policyInputFromState(state), environment, { now }));
}

/** Moves a patch's origin index from the linted list to the current one (rows may have moved since). */
function retarget(patch: PolicyPatch, lint: LintResult, state: EditorState): PolicyPatch | null {
  if (patch.op === "set") return patch;
  const key = lint.keyAt[patch.index];
  const index = state.origins.findIndex((o) => o.key === key);
  return index === -1 ? null : { ...patch, index };
}

/** Applies the fixes of some findings with the core's applyFixes, keeping row keys, notes and expiries. */
export function applyFindingFixes(state: EditorState, findings: readonly LintFinding[], lint: LintResult): EditorState {
  const patches = findings.map((f) => (f.fix ? retarget(f.fix.patch, lint, state) : null)).filter((p): p is PolicyPatch => p !== null);
  if (patches.length === 0) return state;
  const fixed = applyFixes(policyInputFromState(state), patches);
  const byKey = new Map(state.origins.map((o) => [o.key, o]));
  const origins = (fixed.origins as readonly KeyedRule[]).map((rule) => ({ ...byKey.get(rule.key)!, value: rule.value }));
  return {
    ...state,
    origins,
    allowCredentials: fixed.allowCredentials ?? state.allowCredentials,
    allowedMethods: patches.some((p) => p.op === "set" && p.field === "allowedMethods") ? joinList(fixed.allowedMethods ?? []) : state.allowedMethods,
    allowedHeaders: patches.some((p) => p.op === "set" && p.field === "allowedHeaders") ? joinList(fixed.allowedHeaders ?? []) : state.allowedHeaders,
    exposedHeaders: patches.some((p) => p.op === "set" && p.field === "exposedHeaders") ? joinList(fixed.exposedHeaders ?? []) : state.exposedHeaders,
    reflectRequestHeaders: fixed.reflectRequestHeaders ?? state.reflectRequestHeaders,
    maxAgeSeconds: patches.some((p) => p.op === "set" && p.field === "maxAgeSeconds") ? String(fixed.maxAgeSeconds ?? "") : state.maxAgeSeconds,
    noOrigin: fixed.noOrigin ?? state.noOrigin,
    allowPrivateNetwork: fixed.allowPrivateNetwork ?? state.allowPrivateNetwork,
  };
}

// ---------------------------------------------------------------------------
// Pasting many origins at once
// ---------------------------------------------------------------------------

/** Splits pasted text into entries: one per line or comma-separated, blanks skipped, each trimmed. */
export const splitPasted = (text: string): string[] =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Date (yyyy-mm-dd, UTC) → the ISO instant the rule expires at (start of that day, UTC). */
export const expiryFromDate = (date: string): string | null => (date ? `${date}T00:00:00.000Z` : null);
export function dateFromExpiry(expiresAt: string | null): string {
  const time = expiresAt ? Date.parse(expiresAt) : Number.NaN;
  return Number.isNaN(time) ? "" : new Date(time).toISOString().slice(0, 10);
}
export const dateInDays = (now: number, days: number) => new Date(now + days * 86_400_000).toISOString().slice(0, 10);
