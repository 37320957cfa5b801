import { authAnsweredPreflight, type Drift, EndpointClass, LiveResult, MigrationCell, MigrationRow, MigrationSummary, Prediction } from "@/lib/api/schemas/migration-check";

/**
 * Where the published allowlist and the live service disagree about one
 * request. Nothing to compare when the service was unreachable or nothing is
 * published yet.
 */
export function cellDrift(live: LiveResult, allowlist: Prediction): Drift {
  if (allowlist === null || live.verdict === "unreachable") return null;
  // The service's auth refused the preflight before its CORS layer ran: the policy it uses is unknown, not different.
  if (authAnsweredPreflight(live)) return null;
  if (allowlist.verdict === live.verdict) return null;
  return allowlist.verdict === "allowed" ? "allowlist-allows" : "live-allows";
}

/**
 * An endpoint's class from its live verdicts:
 * - `unreachable`: some probe got no answer (network error, timeout, refusal);
 * - `auth-before-cors`: authentication answered a preflight with 401 before
 *   CORS (the fix is the middleware order, whatever the allowlist says);
 * - `ready`: the new origin is allowed for every shape;
 * - `partial`: the new origin is allowed for some shapes, not all;
 * - `old-only`: the new origin is allowed for none, the old one for at least one;
 * - `neither`: no shape is allowed for either origin.
 */
export function classifyEndpoint(cells: readonly Pick<MigrationCell, "origin" | "live">[]): EndpointClass {
  if (cells.some((c) => c.live.verdict === "unreachable")) return "unreachable";
  if (cells.some((c) => authAnsweredPreflight(c.live))) return "auth-before-cors";
  const newCells = cells.filter((c) => c.origin === "new");
  const newAllowed = newCells.filter((c) => c.live.verdict === "allowed").length;
  if (newCells.length > 0 && newAllowed === newCells.length) return "ready";
  if (newAllowed > 0) return "partial";
  return cells.some((c) => c.origin === "old" && c.live.verdict === "allowed") ? "old-only" : "neither";
}

/** The first network error among an endpoint's probes (shown as "unreachable: <reason>"). */
export function unreachableReason(cells: readonly Pick<MigrationCell, "live">[]): string | null {
  return cells.find((c) => c.live.verdict === "unreachable")?.live.error ?? null;
}

const CLASS_KEY: Record<EndpointClass, keyof Omit<MigrationSummary, "endpoints" | "probes" | "drift">> = {
  ready: "ready",
  "old-only": "oldOnly",
  neither: "neither",
  partial: "partial",
  unreachable: "unreachable",
  "auth-before-cors": "authBeforeCors",
};

/** Counts per class, plus drifting endpoints and probes sent. */
export function summarize(rows: readonly (Pick<MigrationRow, "class" | "drift"> & { cells: readonly unknown[] })[]): MigrationSummary {
  const summary: MigrationSummary = { endpoints: rows.length, probes: 0, ready: 0, oldOnly: 0, neither: 0, partial: 0, unreachable: 0, authBeforeCors: 0, drift: 0 };
  for (const row of rows) {
    summary[CLASS_KEY[row.class]]++;
    if (row.drift) summary.drift++;
    summary.probes += row.cells.length;
  }
  return summary;
}

/** One sentence per kind of drift, for the matrix and the exports. */
export const DRIFT_MESSAGES: Record<Exclude<Drift, null>, string> = {
  "allowlist-allows": "The published allowlist allows this but the live service blocks it: the service is not using the published policy.",
  "live-allows": "The live service allows this but the published allowlist does not: the service is not using the published policy (or allows more than it).",
};
