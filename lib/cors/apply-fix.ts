// Apply the one-click fixes of lint findings to a policy input. Pure: returns a
// new policy, the input is left as it was.

import type { OriginRuleInput, PolicyInput, PolicyPatch } from "./types";

/** Applies one patch. */
export function applyFix(policy: PolicyInput, patch: PolicyPatch): PolicyInput {
  return applyFixes(policy, [patch]);
}

/**
 * Applies several patches from the same lint run. Indexes refer to the policy
 * as it was linted: replacements and settings go first, then removals from the
 * last position to the first, so no index shifts under another patch.
 */
export function applyFixes(policy: PolicyInput, patches: readonly PolicyPatch[]): PolicyInput {
  let origins: (string | OriginRuleInput)[] = [...policy.origins];
  let next: PolicyInput = { ...policy };
  const removals = new Set<number>();
  for (const patch of patches) {
    switch (patch.op) {
      case "replace-origin": {
        const current = origins[patch.index];
        if (current === undefined) break;
        origins[patch.index] = typeof current === "string" ? patch.value : { ...current, value: patch.value };
        break;
      }
      case "remove-origin":
        removals.add(patch.index);
        break;
      case "set":
        next = { ...next, [patch.field]: patch.value };
        break;
    }
  }
  if (removals.size > 0) origins = origins.filter((_, index) => !removals.has(index));
  return { ...next, origins };
}
