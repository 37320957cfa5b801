import { prisma } from "@/lib/server/db/client";
import type { ChangeRequest, RejectRequest } from "@/lib/api/schemas/editing";
import { actorLabel, type Actor } from "@/lib/server/auth/actor";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { changeRequestInclude, toChangeRequestDto } from "@/lib/server/change-requests/change-request-dto";
import { assertNotAuthor, loadOpenChangeRequest } from "@/lib/server/change-requests/load-open-change-request";
import { EDIT_TX } from "@/lib/server/tx-options";
import { changeRequestEvent } from "@/lib/server/webhooks/webhook-events";

/** Reject a change request with a comment saying what must change (not by its author: they withdraw instead). */
export async function rejectChangeRequest(actor: Actor, id: string, input: RejectRequest): Promise<ChangeRequest> {
  const changeRequest = await prisma.$transaction(async (tx) => {
    const { row, env } = await loadOpenChangeRequest(tx, id);
    assertNotAuthor(row, actor);
    const updated = await tx.changeRequest.update({
      where: { id },
      data: { status: "rejected", openEnvironmentId: null, reviewerLabel: actorLabel(actor), reviewedAt: new Date(), reviewComment: input.comment },
      include: changeRequestInclude,
    });
    await recordAudit(tx, actor, {
      action: "change-request.reject",
      targetType: "change-request",
      targetId: id,
      projectId: env.projectId,
      environmentId: env.id,
      before: { status: "open" },
      after: { status: "rejected", comment: input.comment },
    });
    return toChangeRequestDto(tx, updated);
  }, EDIT_TX);
  changeRequestEvent("rejected", changeRequest, actor);
  return changeRequest;
}
