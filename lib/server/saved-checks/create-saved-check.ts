import { prisma } from "@/lib/server/db/client";
import { MAX_SAVED_CHECKS, type CreateSavedCheckRequest, type SavedCheck } from "@/lib/api/schemas/saved-check";
import { actorLabel, type Actor } from "@/lib/server/auth/actor";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { AppError } from "@/lib/server/errors";
import { EDIT_TX } from "@/lib/server/tx-options";
import { toSavedCheckDto } from "./saved-check-dto";
import { orderEngines } from "@/lib/api/schemas/engines";
import { auditView, editableEnvironment } from "./saved-check-edit";

/** Add a check at the end of the list; 422 `too_many_checks` past 50 per environment. Audited as saved_check.create. */
export async function createSavedCheck(actor: Actor, projectSlug: string, environmentSlug: string, input: CreateSavedCheckRequest): Promise<SavedCheck> {
  return prisma.$transaction(async (tx) => {
    const env = await editableEnvironment(tx, projectSlug, environmentSlug);
    const count = await tx.savedCheck.count({ where: { environmentId: env.id } });
    if (count >= MAX_SAVED_CHECKS) {
      throw new AppError(422, "too_many_checks", `${env.name} already has ${MAX_SAVED_CHECKS} saved checks, the most an environment can have: delete one you no longer need first.`, [
        { field: "body", code: "too_many", message: `At most ${MAX_SAVED_CHECKS} saved checks per environment.` },
      ]);
    }
    const last = await tx.savedCheck.findFirst({ where: { environmentId: env.id }, orderBy: { position: "desc" }, select: { position: true } });
    const row = await tx.savedCheck.create({
      data: { environmentId: env.id, ...input, engines: orderEngines(input.engines), position: (last?.position ?? -1) + 1, createdByLabel: actorLabel(actor) },
    });
    await recordAudit(tx, actor, {
      action: "saved_check.create",
      targetType: "saved_check",
      targetId: row.id,
      projectId: env.projectId,
      environmentId: env.id,
      after: auditView(row),
    });
    return toSavedCheckDto(row);
  }, EDIT_TX);
}
