import { transaction } from "@/lib/server/db/transaction";
import type { PublishResult, RollbackRequest } from "@/lib/api/schemas/editing";
import { actorLabel, actorUserId, type Actor } from "@/lib/server/auth/actor";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { notFound } from "@/lib/server/errors";
import { assertEditable, findEnvironment, lockEnvironment } from "@/lib/server/environments/find-environment";
import { openChangeRequest } from "@/lib/server/change-requests/open-change-request";
import { diffForAudit } from "@/lib/server/policies/diff-policies";
import { assertPublishable } from "@/lib/server/publishing/assert-publishable";
import { liveVersion } from "@/lib/server/versions/live-version";
import { publishContent } from "@/lib/server/publishing/publish-content";
import { EDIT_TX } from "@/lib/server/tx-options";
import { publishResultEvent } from "@/lib/server/webhooks/webhook-events";
import { policyContentFromColumn } from "@/lib/server/policies/policy-content-column";

/**
 * Roll back = publish an old version's content as a new version (history is
 * never rewritten). Same checks as a publish (lint errors for the
 * environment as it is now, nothing to publish); protected environments get
 * a change request. A draft with no unpublished changes follows the rollback.
 */
export async function rollbackVersion(actor: Actor, projectSlug: string, environmentSlug: string, number: number, input: RollbackRequest): Promise<PublishResult> {
  const result = await transaction(async (tx): Promise<PublishResult> => {
    const found = await findEnvironment(tx, projectSlug, environmentSlug);
    assertEditable(found);
    const env = await lockEnvironment(tx, found);
    const target = await tx.policyVersion.findUnique({ where: { environmentId_number: { environmentId: env.id, number } }, select: { content: true } });
    if (!target) throw notFound(`Version ${number} of ${projectSlug}/${environmentSlug}`);
    const content = policyContentFromColumn(target.content);
    const previous = await liveVersion(tx, env.id);
    const diff = assertPublishable(env, content, previous);
    const message = input.message ?? `Roll back to version ${number}`;

    if (env.protected) {
      const changeRequest = await openChangeRequest(tx, actor, { env, content, message, baseVersion: previous?.number ?? null, rollbackOf: number, diff });
      return { kind: "change-request" as const, changeRequest };
    }
    const { version, draftFollowed } = await publishContent(tx, {
      env,
      content,
      message,
      previous,
      rollbackOf: number,
      author: { userId: actorUserId(actor), label: actorLabel(actor) },
      followDraft: { actor },
    });
    const changes = diffForAudit(diff);
    await recordAudit(tx, actor, {
      action: "policy.rollback",
      targetType: "environment",
      targetId: env.id,
      projectId: env.projectId,
      environmentId: env.id,
      before: { version: previous?.number ?? null, ...changes.before },
      after: { version: version.number, rollbackOf: number, message, draftFollowed, ...changes.after },
    });
    return { kind: "published" as const, version };
  }, EDIT_TX);
  publishResultEvent(projectSlug, environmentSlug, result, actor);
  return result;
}
