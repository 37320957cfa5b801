import { transaction } from "@/lib/server/db/transaction";
import type { PublishRequest, PublishResult } from "@/lib/api/schemas/editing";
import { actorLabel, actorUserId, type Actor } from "@/lib/server/auth/actor";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { conflict } from "@/lib/server/errors";
import { assertEditable, findEnvironment, lockEnvironment } from "@/lib/server/environments/find-environment";
import { getDraft } from "@/lib/server/drafts/get-draft";
import { loadDraftRow, lockDraft } from "@/lib/server/drafts/lock-draft";
import { openChangeRequest } from "@/lib/server/change-requests/open-change-request";
import { diffForAudit } from "@/lib/server/policies/diff-policies";
import { draftContent } from "@/lib/server/policies/draft-content";
import { assertPublishable } from "@/lib/server/publishing/assert-publishable";
import { liveVersion } from "@/lib/server/versions/live-version";
import { publishContent } from "@/lib/server/publishing/publish-content";
import { EDIT_TX } from "@/lib/server/tx-options";
import { publishResultEvent } from "@/lib/server/webhooks/webhook-events";

/**
 * Publish a draft: the revision the publisher reviewed must still be the
 * draft's (409 `stale_revision` with the current draft otherwise), lib/cors
 * lint errors block (422 `lint_errors`), a draft equal to live is refused
 * (409 `nothing_to_publish`). Unprotected environments get the next version
 * number in one transaction; protected ones get a change request instead.
 */
export async function publishDraft(actor: Actor, projectSlug: string, environmentSlug: string, input: PublishRequest): Promise<PublishResult> {
  const result = await transaction(async (tx) => {
    const found = await findEnvironment(tx, projectSlug, environmentSlug);
    assertEditable(found);
    const env = await lockEnvironment(tx, found);
    await lockDraft(tx, env.id);
    const row = await loadDraftRow(tx, env.id);
    if (row.revision !== input.revision) return { stale: true as const };
    const content = draftContent(row);
    const previous = await liveVersion(tx, env.id);
    const diff = assertPublishable(env, content, previous);

    if (env.protected) {
      const changeRequest = await openChangeRequest(tx, actor, { env, content, message: input.message, baseVersion: previous?.number ?? null, diff });
      return { stale: false as const, result: { kind: "change-request" as const, changeRequest } };
    }
    const { version } = await publishContent(tx, {
      env,
      content,
      message: input.message,
      previous,
      author: { userId: actorUserId(actor), label: actorLabel(actor) },
    });
    const changes = diffForAudit(diff);
    await recordAudit(tx, actor, {
      action: "policy.publish",
      targetType: "environment",
      targetId: env.id,
      projectId: env.projectId,
      environmentId: env.id,
      before: { version: previous?.number ?? null, ...changes.before },
      after: { version: version.number, message: input.message, revision: row.revision, contentHash: version.contentHash, ...changes.after },
    });
    return { stale: false as const, result: { kind: "published" as const, version } };
  }, EDIT_TX);

  if (result.stale) {
    const current = await getDraft(projectSlug, environmentSlug);
    throw conflict(
      "stale_revision",
      `The draft changed since you reviewed it (you sent revision ${input.revision}, it is now at ${current.revision}). Nothing was published: review \`current\` and publish again.`,
      { current },
    );
  }
  publishResultEvent(projectSlug, environmentSlug, result.result, actor);
  return result.result;
}
