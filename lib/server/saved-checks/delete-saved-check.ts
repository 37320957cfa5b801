import { prisma } from "@/lib/server/db/client";
import type { Actor } from "@/lib/server/auth/actor";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { EDIT_TX } from "@/lib/server/tx-options";
import { auditView, editableEnvironment, existingCheck } from "./saved-check-edit";

/** Delete a check. Audited as saved_check.delete with what it was. */
export async function deleteSavedCheck(actor: Actor, projectSlug: string, environmentSlug: string, id: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const env = await editableEnvironment(tx, projectSlug, environmentSlug);
    const before = await existingCheck(tx, env, id);
    await tx.savedCheck.delete({ where: { id } });
    await recordAudit(tx, actor, {
      action: "saved_check.delete",
      targetType: "saved_check",
      targetId: id,
      projectId: env.projectId,
      environmentId: env.id,
      before: auditView(before),
    });
  }, EDIT_TX);
}
