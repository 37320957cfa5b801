import type { PolicyContent } from "@/lib/api/schemas/policy";
import type { PolicyDiff } from "@/lib/api/schemas/editing";
import { canonicalJson } from "@/lib/cors";
import { EMPTY_POLICY, SETTING_FIELDS } from "@/lib/api/policy-defaults";

type OriginChange = PolicyDiff["origins"][number];

/**
 * What changes from `before` to `after`: origins added, removed, or changed
 * (note or expiry), keyed by their canonical value, and each setting that
 * differs. `before = null` (nothing published yet) compares with the empty
 * policy. The order of the allowlist is not a change: matching doesn't depend
 * on it. Added and changed origins come in `after`'s order, then removed ones
 * in `before`'s.
 */
export function diffPolicies(before: PolicyContent | null, after: PolicyContent): PolicyDiff {
  const base = before ?? EMPTY_POLICY;
  const beforeByValue = new Map(base.origins.map((o) => [o.value, o]));
  const afterValues = new Set<string>();
  const origins: OriginChange[] = [];
  for (const o of after.origins) {
    afterValues.add(o.value);
    const old = beforeByValue.get(o.value);
    if (!old) {
      origins.push({ value: o.value, change: "added", before: null, after: { note: o.note, expiresAt: o.expiresAt } });
    } else if (old.note !== o.note || !sameInstant(old.expiresAt, o.expiresAt)) {
      origins.push({
        value: o.value,
        change: "changed",
        before: { note: old.note, expiresAt: old.expiresAt },
        after: { note: o.note, expiresAt: o.expiresAt },
      });
    }
  }
  for (const o of base.origins) {
    if (!afterValues.has(o.value)) origins.push({ value: o.value, change: "removed", before: { note: o.note, expiresAt: o.expiresAt }, after: null });
  }
  const settings: PolicyDiff["settings"] = [];
  for (const field of SETTING_FIELDS) {
    if (canonicalJson(base[field]) !== canonicalJson(after[field])) settings.push({ field, before: base[field], after: after[field] });
  }
  return { origins, settings, empty: origins.length === 0 && settings.length === 0 };
}

function sameInstant(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return a === b || Date.parse(a) === Date.parse(b);
}

/**
 * A diff as an audit entry's before/after: only what changed, so an edit of
 * one origin in a list of thousands stays small.
 */
export function diffForAudit(diff: PolicyDiff): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const removed = diff.origins.filter((o) => o.change === "removed");
  const added = diff.origins.filter((o) => o.change === "added");
  const changed = diff.origins.filter((o) => o.change === "changed");
  if (removed.length > 0) before.origins = removed.map((o) => ({ value: o.value, ...o.before }));
  if (added.length > 0) after.origins = added.map((o) => ({ value: o.value, ...o.after }));
  if (changed.length > 0) {
    before.changedOrigins = changed.map((o) => ({ value: o.value, ...o.before }));
    after.changedOrigins = changed.map((o) => ({ value: o.value, ...o.after }));
  }
  for (const s of diff.settings) {
    before[s.field] = s.before;
    after[s.field] = s.after;
  }
  return { before, after };
}

/** Exactly the same content, origin order included (cheaper than comparing canonical JSON of large lists). */
export function samePolicyContent(a: PolicyContent, b: PolicyContent): boolean {
  if (a.origins.length !== b.origins.length) return false;
  for (let i = 0; i < a.origins.length; i++) {
    const x = a.origins[i] as PolicyContent["origins"][number];
    const y = b.origins[i] as PolicyContent["origins"][number];
    if (x.value !== y.value || x.note !== y.note || !sameInstant(x.expiresAt, y.expiresAt)) return false;
  }
  return SETTING_FIELDS.every((field) => canonicalJson(a[field]) === canonicalJson(b[field]));
}
