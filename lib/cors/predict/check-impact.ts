// How publishing a draft changes a saved check's outcome: the pure decision
// behind the publish dialog's warning ("this publish breaks a saved check").

import type { Verdict } from "../simulate/types";

export type CheckExpectation = "allowed" | "blocked";

/**
 * - `passes`: meets its expectation now and after publishing.
 * - `breaks`: meets it with the live policy, not with the draft — warn.
 * - `fixes`: fails with the live policy, meets it with the draft.
 * - `still-failing`: fails both ways (or nothing is live yet and the draft fails).
 */
export type CheckImpact = "passes" | "breaks" | "fixes" | "still-failing";

/** `live` is null when nothing is published yet: no service answers with a policy, so nothing can break. */
export function checkImpact(expect: CheckExpectation, live: Verdict | null, draft: Verdict): CheckImpact {
  const meetsNow = live !== null && live === expect;
  const meetsAfter = draft === expect;
  if (meetsNow) return meetsAfter ? "passes" : "breaks";
  return meetsAfter ? "fixes" : "still-failing";
}
