import { settingsOf } from "@/lib/cors";
import type { PolicyEdit } from "@/lib/api/schemas/editing";
import type { PolicyContent, OriginRule } from "@/lib/api/schemas/policy";

type OriginInput = PolicyEdit["origins"][number];

/** An origin as the editor sent it → as stored: empty notes are no note, expiry in ISO form (ms, UTC). */
export function normalizeOrigin(o: OriginInput): OriginRule {
  return {
    value: o.value,
    note: o.note === null || o.note === "" ? null : o.note,
    expiresAt: o.expiresAt === null ? null : new Date(o.expiresAt).toISOString(),
  };
}

/** A validated edit (zod) as policy content. lib/cors checks the values afterwards. */
export function normalizePolicyEdit(edit: PolicyEdit): PolicyContent {
  return {
    origins: edit.origins.map(normalizeOrigin),
    ...settingsOf(edit),
  };
}
