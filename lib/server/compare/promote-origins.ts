import { prisma } from "@/lib/server/db/client";
import type { Draft, PromoteRequest } from "@/lib/api/schemas/editing";
import type { Actor } from "@/lib/server/auth/actor";
import { validationFailed } from "@/lib/server/errors";
import { assertEditable, findEnvironment } from "@/lib/server/environments/find-environment";
import { mergeOriginsIntoDraft, type OriginToAdd } from "@/lib/server/drafts/merge-origins";
import { readPolicy } from "@/lib/server/compare/read-policy";
import { EDIT_TX } from "@/lib/server/tx-options";

/**
 * Promote: copy chosen origins (with their note and expiry) from environment
 * `from` (its draft, or its live version) into this environment's draft.
 * Every value must be in `from` (422 naming each one that isn't); values
 * already in the target are skipped. Merged like an add: no revision needed.
 */
export async function promoteOrigins(actor: Actor, projectSlug: string, environmentSlug: string, input: PromoteRequest): Promise<Draft> {
  if (input.from === environmentSlug) {
    throw validationFailed([{ field: "body.from", code: "same_environment", message: "Promote from another environment than the target." }]);
  }
  return prisma.$transaction(async (tx) => {
    const target = await findEnvironment(tx, projectSlug, environmentSlug);
    assertEditable(target);
    const source = await findEnvironment(tx, projectSlug, input.from);
    const policy = await readPolicy(tx, source, input.source);
    const byValue = new Map(policy.origins.map((o) => [o.value, o]));
    const entries: OriginToAdd[] = [];
    const errors = input.origins.flatMap((value, requestIndex) => {
      const rule = byValue.get(value);
      if (!rule) {
        return [{ field: `body.origins.${requestIndex}`, code: "not_in_source", message: `${value} is not in ${source.slug}'s ${input.source === "draft" ? "draft" : "live version"}: pick origins from the comparison.` }];
      }
      if (!entries.some((e) => e.rule.value === value)) entries.push({ rule, requestIndex });
      return [];
    });
    if (errors.length > 0) throw validationFailed(errors);
    const { draft } = await mergeOriginsIntoDraft(tx, actor, target, entries, {
      action: "draft.promote",
      extra: { from: source.slug, source: input.source },
    });
    return draft;
  }, EDIT_TX);
}
