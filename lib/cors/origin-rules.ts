// Read the `origins` field of a policy — strings or rule objects with an
// optional expiry — into rules with their positions, collecting every problem.
// Shared by compile (which refuses any problem) and lint (which reports them
// and still lints the valid entries).

import { parseOriginEntries } from "./origin-list";
import { makeProblem, quote, safeString } from "./problems";
import type { CompiledRule, ParseProblem } from "./types";

/** The ECMAScript time range (±100,000,000 days): beyond it a number is no date (`new Date(ms).toISOString()` throws). */
const MAX_TIME = 8.64e15;

/** Reads `expiresAt` (ISO text, epoch ms or Date); `undefined` when invalid. */
export function parseExpiry(value: unknown): number | null | undefined {
  if (value === undefined || value === null) return null;
  const ms =
    value instanceof Date ? value.getTime() : typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Date.parse(value) : NaN;
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_TIME ? ms : undefined;
}

export interface OriginRules {
  /** The valid entries, frozen, in list order (later duplicates left out). */
  readonly rules: readonly CompiledRule[];
  /** Every problem, in list order. */
  readonly problems: readonly ParseProblem[];
  /** How many entries the list has (valid or not); `null` when `origins` is not a list. */
  readonly length: number | null;
}

export function readOriginRules(originsInput: unknown): OriginRules {
  const problems: ParseProblem[] = [];
  if (!Array.isArray(originsInput)) {
    problems.push(
      makeProblem("invalid-type", safeString(originsInput), "origins must be a list (it may be empty: then nothing is allowed).", { field: "origins", index: null }),
    );
    return { rules: [], problems, length: null };
  }

  const entries: { index: number; text: string }[] = [];
  const expiries = new Map<number, number | null>();
  originsInput.forEach((item: unknown, index) => {
    if (typeof item === "string") {
      entries.push({ index, text: item });
      return;
    }
    if (typeof item === "object" && item !== null && typeof (item as { value?: unknown }).value === "string") {
      const rule = item as { value: string; expiresAt?: unknown };
      entries.push({ index, text: rule.value });
      const expiresAt = parseExpiry(rule.expiresAt);
      if (expiresAt === undefined) {
        problems.push(
          makeProblem(
            "invalid-expiry",
            safeString(rule.expiresAt),
            `The expiry date ${quote(safeString(rule.expiresAt))} of ${rule.value} is not a date. Use ISO 8601, like 2030-01-31T00:00:00Z.`,
            { index },
          ),
        );
      } else {
        expiries.set(index, expiresAt);
      }
      return;
    }
    problems.push(makeProblem("invalid-type", safeString(item), "Each origin must be text, or an object with a value (and an optional expiresAt).", { index }));
  });

  const parsed = parseOriginEntries(entries);
  problems.push(...parsed.problems);
  // list order; a stable sort keeps several problems of one entry in order
  problems.sort((a, b) => (a.index ?? -1) - (b.index ?? -1));

  const rules = parsed.origins.map(({ index, origin }) =>
    Object.freeze({ index, origin: Object.freeze(origin), expiresAt: expiries.get(index) ?? null }),
  );
  return { rules, problems, length: originsInput.length };
}
