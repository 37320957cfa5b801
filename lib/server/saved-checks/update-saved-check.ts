import { prisma } from "@/lib/server/db/client";
import { orderEngines } from "@/lib/api/schemas/engines";
import { Prisma } from "@/lib/server/db/generated/client";
import type { SavedCheck, UpdateSavedCheckRequest } from "@/lib/api/schemas/saved-check";
import type { Actor } from "@/lib/server/auth/actor";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { EDIT_TX } from "@/lib/server/tx-options";
import { toSavedCheckDto } from "./saved-check-dto";
import { auditView, editableEnvironment, existingCheck } from "./saved-check-edit";

/**
 * Change some fields of a check. Changing what it probes (URL, origin,
 * method, headers, credentials, expectation, whether the actual request is
 * sent) clears its last result, which
 * was about the old request. Audited as saved_check.update. A PATCH that
 * changes nothing (no fields, or the values it already has) answers the
 * check as it is: no write, no audit event, `updatedAt` kept — a run in
 * flight still stores its result.
 */
export async function updateSavedCheck(actor: Actor, projectSlug: string, environmentSlug: string, id: string, input: UpdateSavedCheckRequest): Promise<SavedCheck> {
  return prisma.$transaction(async (tx) => {
    const env = await editableEnvironment(tx, projectSlug, environmentSlug);
    const before = await existingCheck(tx, env, id);
    const requestChanged = (["url", "origin", "method", "credentials", "expect", "sendActual"] as const).some((k) => input[k] !== undefined && input[k] !== before[k]) ||
      (input.headers !== undefined && JSON.stringify(input.headers) !== JSON.stringify(before.headers)) ||
      (input.engines !== undefined && orderEngines(input.engines).join() !== orderEngines(before.engines).join());
    if (!requestChanged && (input.name === undefined || input.name === before.name)) return toSavedCheckDto(before);
    const clearRun = requestChanged
      ? { lastRunAt: null, lastTrigger: null, lastVerdict: null, lastPassed: null, lastVersion: null, lastResult: Prisma.DbNull }
      : {};
    const row = await tx.savedCheck.update({ where: { id }, data: { ...input, ...(input.engines === undefined ? {} : { engines: orderEngines(input.engines) }), ...clearRun } });
    await recordAudit(tx, actor, {
      action: "saved_check.update",
      targetType: "saved_check",
      targetId: id,
      projectId: env.projectId,
      environmentId: env.id,
      before: auditView(before),
      after: auditView(row),
    });
    return toSavedCheckDto(row);
  }, EDIT_TX);
}
