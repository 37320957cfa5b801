import { afterCommit } from "@/lib/server/db/transaction";
import type { Tx } from "@/lib/server/db/types";
import type { VersionSummary } from "@/lib/api/schemas/editing";
import type { PolicyContent } from "@/lib/api/schemas/policy";
import { actorLabel, actorUserId, type Actor } from "@/lib/server/auth/actor";
import type { EnvironmentRef } from "@/lib/server/environments/find-environment";
import { loadDraftRow, lockDraft } from "@/lib/server/drafts/lock-draft";
import { writeDraftOrigins } from "@/lib/server/drafts/write-draft-origins";
import { contentHash } from "@/lib/server/policies/content-hash";
import { notifyPolicyPublished } from "@/lib/server/config/notify-policy-published";
import { scheduleChecksAfterPublish } from "@/lib/server/saved-checks/schedule-checks-after-publish";
import { diffPolicies } from "@/lib/server/policies/diff-policies";
import { draftContent } from "@/lib/server/policies/draft-content";
import type { LiveVersion } from "@/lib/server/versions/live-version";
import { toVersionSummary, versionSummarySelect } from "@/lib/server/publishing/version-dto";

export interface PublishContentInput {
  env: EnvironmentRef;
  content: PolicyContent;
  message: string;
  /** The live version, read after lockEnvironment() in this transaction. */
  previous: LiveVersion | null;
  /** Who the version is by (the change request's author for approvals). */
  author: { userId: string | null; label: string };
  approvedBy?: string | null;
  rollbackOf?: number | null;
  /**
   * Rollbacks and approvals: a draft without unpublished changes (equal to
   * the previous live version) follows the new version, so the next publish
   * doesn't silently bring the old content back. A draft with unpublished
   * work is left alone (its diff vs live shows the difference).
   */
  followDraft?: { actor: Actor };
}

/**
 * Creates the next immutable version of an environment inside the caller's
 * transaction — started with `transaction()` (lib/server/db/transaction.ts),
 * which runs the saved checks once it has committed — and which must hold the environment lock (lockEnvironment) so the
 * number is the live one + 1; the unique (environment, number) constraint
 * backs that up. Returns the version and whether the draft followed.
 */
export async function publishContent(tx: Tx, input: PublishContentInput): Promise<{ version: VersionSummary; draftFollowed: boolean }> {
  const row = await tx.policyVersion.create({
    data: {
      environmentId: input.env.id,
      number: (input.previous?.number ?? 0) + 1,
      content: input.content,
      contentHash: contentHash(input.content),
      originCount: input.content.origins.length,
      message: input.message,
      authorId: input.author.userId,
      authorLabel: input.author.label,
      approvedByLabel: input.approvedBy ?? null,
      rollbackOf: input.rollbackOf ?? null,
    },
    select: versionSummarySelect,
  });
  // Tell every instance's config cache and live subscribers, on commit only.
  await notifyPolicyPublished(tx, { environmentId: input.env.id, version: row.number });
  // Saved checks run once this transaction has committed (never if it rolls back).
  afterCommit(tx, () => scheduleChecksAfterPublish(input.env.id, row.number));
  let draftFollowed = false;
  if (input.followDraft && input.previous) {
    await lockDraft(tx, input.env.id);
    const draft = await loadDraftRow(tx, input.env.id);
    if (diffPolicies(input.previous.content, draftContent(draft)).empty) {
      const { actor } = input.followDraft;
      await writeDraftOrigins(tx, input.env.id, draft.origins, input.content.origins, actorUserId(actor));
      const { origins: _origins, ...settings } = input.content;
      await tx.policyDraft.update({
        where: { environmentId: input.env.id },
        data: { ...settings, revision: { increment: 1 }, updatedById: actorUserId(actor), updatedByLabel: actorLabel(actor) },
      });
      draftFollowed = true;
    }
  }
  return { version: toVersionSummary(row), draftFollowed };
}
