import { prisma } from "@/lib/server/db/client";
import type { AddOriginsRequest, Draft } from "@/lib/api/schemas/editing";
import type { Actor } from "@/lib/server/auth/actor";
import { assertEditable, findEnvironment } from "@/lib/server/environments/find-environment";
import { checkOriginsToAdd, mergeOriginsIntoDraft } from "@/lib/server/drafts/merge-origins";
import { normalizeOrigin } from "@/lib/server/drafts/normalize-policy-edit";
import { EDIT_TX } from "@/lib/server/tx-options";

/**
 * Add one or many origins to a draft without a revision: merged under the
 * draft's lock, so every concurrent add survives. Values already listed (or
 * repeated in the request) are skipped; any invalid entry refuses the whole
 * request with every problem listed (422), nothing written.
 */
export async function addOrigins(actor: Actor, projectSlug: string, environmentSlug: string, input: AddOriginsRequest): Promise<Draft> {
  const entries = checkOriginsToAdd(input.origins.map((o, requestIndex) => ({ rule: normalizeOrigin(o), requestIndex })));
  return prisma.$transaction(async (tx) => {
    const env = await findEnvironment(tx, projectSlug, environmentSlug);
    assertEditable(env);
    const { draft } = await mergeOriginsIntoDraft(tx, actor, env, entries, { action: "draft.add-origins" });
    return draft;
  }, EDIT_TX);
}
