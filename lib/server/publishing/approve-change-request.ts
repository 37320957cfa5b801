import { transaction } from "@/lib/server/db/transaction";
import type { ChangeRequest, ReviewRequest, VersionSummary } from "@/lib/api/schemas/editing";
import { actorLabel, type Actor } from "@/lib/server/auth/actor";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { conflict } from "@/lib/server/errors";
import { assertEditable } from "@/lib/server/environments/find-environment";
import { changeRequestInclude, toChangeRequestDto } from "@/lib/server/change-requests/change-request-dto";
import { assertNotAuthor, loadOpenChangeRequest } from "@/lib/server/change-requests/load-open-change-request";
import { diffForAudit } from "@/lib/server/policies/diff-policies";
import { assertPublishable } from "@/lib/server/publishing/assert-publishable";
import { liveVersion } from "@/lib/server/versions/live-version";
import { publishContent } from "@/lib/server/publishing/publish-content";
import { EDIT_TX } from "@/lib/server/tx-options";
import { changeRequestEvent, versionEvent } from "@/lib/server/webhooks/webhook-events";
import { policyContentFromColumn } from "@/lib/server/policies/policy-content-column";

/**
 * Approve a change request: publishes its content as the next version in the
 * same transaction. Refused for the author (403 `own_change_request`), when
 * the live version moved since the request was made (409 `base_moved`, so
 * nobody approves a stale diff), or when the content now has lint errors.
 */
export async function approveChangeRequest(actor: Actor, id: string, input: ReviewRequest): Promise<{ changeRequest: ChangeRequest; version: VersionSummary }> {
  const result = await transaction(async (tx) => {
    const { row, env } = await loadOpenChangeRequest(tx, id);
    assertNotAuthor(row, actor);
    assertEditable(env);
    const previous = await liveVersion(tx, env.id);
    const live = previous?.number ?? null;
    if (live !== row.baseVersion) {
      throw conflict(
        "base_moved",
        `The live version of ${env.name} moved since this request was made (it was ${row.baseVersion === null ? "unpublished" : `version ${row.baseVersion}`}, it is now version ${live}): its diff is stale. Reject it, or ask the author to withdraw it and publish again.`,
        { baseVersion: row.baseVersion, liveVersion: live },
      );
    }
    const content = policyContentFromColumn(row.content);
    const diff = assertPublishable(env, content, previous);
    const [kind, id_] = row.authorKey.split(":");
    const authorUser = kind === "user" && id_ ? await tx.user.findUnique({ where: { id: id_ }, select: { id: true } }) : null;
    const { version, draftFollowed } = await publishContent(tx, {
      env,
      content,
      message: row.message,
      previous,
      rollbackOf: row.rollbackOf,
      author: { userId: authorUser?.id ?? null, label: row.authorLabel },
      approvedBy: actorLabel(actor),
      followDraft: { actor },
    });
    const updated = await tx.changeRequest.update({
      where: { id },
      data: {
        status: "approved",
        openEnvironmentId: null,
        reviewerLabel: actorLabel(actor),
        reviewedAt: new Date(),
        reviewComment: input.comment || null,
        versionNumber: version.number,
      },
      include: changeRequestInclude,
    });
    const scope = { projectId: env.projectId, environmentId: env.id };
    await recordAudit(tx, actor, {
      action: "change-request.approve",
      targetType: "change-request",
      targetId: id,
      ...scope,
      before: { status: "open" },
      after: { status: "approved", version: version.number, comment: input.comment || null },
    });
    const changes = diffForAudit(diff);
    await recordAudit(tx, actor, {
      action: row.rollbackOf === null ? "policy.publish" : "policy.rollback",
      targetType: "environment",
      targetId: env.id,
      ...scope,
      before: { version: previous?.number ?? null, ...changes.before },
      after: {
        version: version.number,
        message: row.message,
        changeRequest: id,
        author: row.authorLabel,
        ...(row.rollbackOf === null ? {} : { rollbackOf: row.rollbackOf }),
        draftFollowed,
        ...changes.after,
      },
    });
    return { changeRequest: await toChangeRequestDto(tx, updated), version };
  }, EDIT_TX);
  changeRequestEvent("approved", result.changeRequest, actor);
  versionEvent(result.changeRequest.project, result.changeRequest.environment, result.version, actor);
  return result;
}
