// Parse a whole allowlist and report every problem with its position — never
// just the first one — including duplicates.

import { parseOrigin } from "./origin-parse";
import { makeProblem } from "./problems";
import type { ParseListResult, ParseProblem, ParsedListEntry } from "./types";

/**
 * Parses an allowlist given as text (one origin per line; blank lines are
 * skipped and `index` is the 0-based line number) or as an array (`index` is
 * the array position; an empty string is an `empty` problem).
 *
 * Duplicates are found on the canonical form, so `https://Example.com` (a
 * `not-canonical` problem whose fix is `https://example.com`) and a later
 * `https://example.com` are reported as a problem and a duplicate: applying
 * both fixes leaves one entry.
 */
export function parseOriginList(input: string | readonly string[]): ParseListResult {
  const lines: { index: number; text: string }[] = [];
  if (typeof input === "string") {
    input.split(/\r\n|\n|\r/).forEach((text, index) => {
      if (text.trim() !== "") lines.push({ index, text });
    });
  } else {
    input.forEach((text, index) => lines.push({ index, text }));
  }

  return parseOriginEntries(lines);
}

/** Parses entries that carry their own positions (used by `compilePolicy` for rule objects). */
export function parseOriginEntries(lines: readonly { readonly index: number; readonly text: string }[]): ParseListResult {
  const origins: ParsedListEntry[] = [];
  const problems: ParseProblem[] = [];
  const firstIndexOf = new Map<string, number>();

  for (const { index, text } of lines) {
    const result = parseOrigin(text, index);
    // The canonical text this entry stands for (its value, or the fix of a fixable problem).
    const canonical = result.ok ? result.origin.value : result.problem.fix;
    const first = canonical === undefined ? undefined : firstIndexOf.get(canonical);
    if (canonical !== undefined && first !== undefined) {
      problems.push(
        makeProblem("duplicate", text, `${canonical} is already listed at position ${first + 1}. Remove this entry.`, {
          index,
          duplicateOf: first,
        }),
      );
      continue;
    }
    if (canonical !== undefined) firstIndexOf.set(canonical, index);
    if (result.ok) origins.push({ index, origin: result.origin });
    else problems.push(result.problem);
  }

  return { ok: problems.length === 0, origins, problems };
}
