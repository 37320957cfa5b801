import { parseOrigin } from "@/lib/cors";

/**
 * The problem with an origin typed in, with the core's message and its
 * one-click fix (the canonical origin), or null when it is a serialized origin.
 */
export function originProblem(value: string): { message: string; fix: string | null } | null {
  const text = value.trim();
  if (text === "") return { message: "Give an origin, e.g. https://app.example.com.", fix: null };
  const parsed = parseOrigin(text, null);
  if (!parsed.ok) return { message: parsed.problem.message, fix: parsed.problem.fix ?? null };
  if (parsed.origin.kind !== "exact") return { message: "Give one origin as browsers send it (scheme://host[:port]), not a wildcard pattern, * or null: a page has exactly one origin.", fix: null };
  return null;
}
