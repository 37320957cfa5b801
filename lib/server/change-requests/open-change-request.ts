import type { Tx } from "@/lib/server/db/types";
import type { ChangeRequest, PolicyDiff } from "@/lib/api/schemas/editing";
import type { PolicyContent } from "@/lib/api/schemas/policy";
import { actorLabel, type Actor } from "@/lib/server/auth/actor";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { conflict } from "@/lib/server/errors";
import type { EnvironmentRef } from "@/lib/server/environments/find-environment";
import { actorKey, changeRequestInclude, toChangeRequestDto } from "@/lib/server/change-requests/change-request-dto";
import { contentHash } from "@/lib/server/policies/content-hash";
import { diffForAudit } from "@/lib/server/policies/diff-policies";

/**
 * A protected environment's publish (or rollback) becomes a change request
 * that another editor or admin approves. One open request per environment
 * (the unique `openEnvironmentId`): a second one is refused with 409
 * `change_request_open` naming the open one, which must be approved,
 * rejected or withdrawn first. Call with the environment lock held.
 */
export async function openChangeRequest(
  tx: Tx,
  actor: Actor,
  input: { env: EnvironmentRef; content: PolicyContent; message: string; baseVersion: number | null; rollbackOf?: number | null; diff: PolicyDiff },
): Promise<ChangeRequest> {
  const open = await tx.changeRequest.findUnique({ where: { openEnvironmentId: input.env.id }, select: { id: true, authorLabel: true } });
  if (open) {
    throw conflict(
      "change_request_open",
      `${input.env.name} already has an open change request (${open.id}, by ${open.authorLabel}): it must be approved, rejected or withdrawn before another one.`,
      { changeRequest: open.id },
    );
  }
  const row = await tx.changeRequest.create({
    data: {
      environmentId: input.env.id,
      openEnvironmentId: input.env.id,
      message: input.message,
      content: input.content,
      contentHash: contentHash(input.content),
      baseVersion: input.baseVersion,
      rollbackOf: input.rollbackOf ?? null,
      authorKey: actorKey(actor),
      authorLabel: actorLabel(actor),
    },
    include: changeRequestInclude,
  });
  const changes = diffForAudit(input.diff);
  await recordAudit(tx, actor, {
    action: "change-request.create",
    targetType: "change-request",
    targetId: row.id,
    projectId: input.env.projectId,
    environmentId: input.env.id,
    before: { version: input.baseVersion, ...changes.before },
    after: { status: "open", message: input.message, baseVersion: input.baseVersion, rollbackOf: input.rollbackOf ?? null, ...changes.after },
  });
  return toChangeRequestDto(tx, row);
}
