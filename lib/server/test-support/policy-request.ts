import { defaultSettings } from "@/lib/cors";
import type { SaveDraftRequest } from "@/lib/api/schemas/editing";

type OriginArg = string | { value: string; note?: string | null; expiresAt?: string | null };

/** A whole-draft save request with safe defaults; origins as text or {value, note, expiresAt}. */
export function draftRequest(revision: number, origins: readonly OriginArg[], extra: Partial<SaveDraftRequest> = {}): SaveDraftRequest {
  return {
    revision,
    origins: origins.map((o) => (typeof o === "string" ? { value: o, note: null, expiresAt: null } : { note: null, expiresAt: null, ...o })),
    ...defaultSettings(),
    ...extra,
  };
}
