import { prisma } from "@/lib/server/db/client";
import type { ChangeRequest } from "@/lib/api/schemas/editing";
import { actorLabel, type Actor } from "@/lib/server/auth/actor";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { AppError } from "@/lib/server/errors";
import { actorKey, changeRequestInclude, toChangeRequestDto } from "@/lib/server/change-requests/change-request-dto";
import { loadOpenChangeRequest } from "@/lib/server/change-requests/load-open-change-request";
import { EDIT_TX } from "@/lib/server/tx-options";
import { changeRequestEvent } from "@/lib/server/webhooks/webhook-events";

/** The author takes back their change request (admins may too, e.g. for someone who left). */
export async function withdrawChangeRequest(actor: Actor, id: string): Promise<ChangeRequest> {
  const changeRequest = await prisma.$transaction(async (tx) => {
    const { row, env } = await loadOpenChangeRequest(tx, id);
    if (row.authorKey !== actorKey(actor) && actor.role !== "admin") {
      throw new AppError(403, "not_author", `Only the author (${row.authorLabel}) or an admin can withdraw this change request; reviewers reject it instead.`);
    }
    const updated = await tx.changeRequest.update({
      where: { id },
      data: { status: "withdrawn", openEnvironmentId: null, reviewerLabel: actorLabel(actor), reviewedAt: new Date() },
      include: changeRequestInclude,
    });
    await recordAudit(tx, actor, {
      action: "change-request.withdraw",
      targetType: "change-request",
      targetId: id,
      projectId: env.projectId,
      environmentId: env.id,
      before: { status: "open" },
      after: { status: "withdrawn" },
    });
    return toChangeRequestDto(tx, updated);
  }, EDIT_TX);
  changeRequestEvent("withdrawn", changeRequest, actor);
  return changeRequest;
}
