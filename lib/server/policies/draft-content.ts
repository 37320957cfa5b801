import { settingsOf, type PolicySettingsDocument } from "@/lib/cors";
import type { PolicyContent } from "@/lib/api/schemas/policy";

interface DraftRow extends PolicySettingsDocument {
  origins: { value: string; note: string | null; expiresAt: Date | null; createdAt: Date; position?: number }[];
}

/**
 * A draft as policy content (the shape versions store), origins in the
 * editor's order (`position`; rows written before positions existed fall
 * back to the order they were added).
 */
export function draftContent(draft: DraftRow): PolicyContent {
  return {
    origins: [...draft.origins]
      .sort(
        (a, b) =>
          (a.position ?? 0) - (b.position ?? 0) ||
          a.createdAt.getTime() - b.createdAt.getTime() ||
          (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
      )
      .map((o) => ({ value: o.value, note: o.note, expiresAt: o.expiresAt?.toISOString() ?? null })),
    ...settingsOf(draft),
  };
}
