import { createHash } from "node:crypto";

import { canonicalJson } from "@/lib/cors/canonical-json";

/**
 * sha256 hex of the RFC 8785 canonical JSON (lib/cors/canonical-json.ts, the
 * one the SDK verifies with); versions store it and the config API uses it as ETag.
 */
export function contentHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}
