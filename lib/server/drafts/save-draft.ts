import { settingsOf } from "@/lib/cors";
import { prisma } from "@/lib/server/db/client";
import type { Draft, SaveDraftRequest } from "@/lib/api/schemas/editing";
import { actorLabel, actorUserId, type Actor } from "@/lib/server/auth/actor";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { conflict, validationFailed } from "@/lib/server/errors";
import { assertEditable, findEnvironment } from "@/lib/server/environments/find-environment";
import { buildDraft } from "@/lib/server/drafts/draft-dto";
import { getDraft } from "@/lib/server/drafts/get-draft";
import { loadDraftRow, lockDraft } from "@/lib/server/drafts/lock-draft";
import { normalizePolicyEdit } from "@/lib/server/drafts/normalize-policy-edit";
import { writeDraftOrigins } from "@/lib/server/drafts/write-draft-origins";
import { diffForAudit, diffPolicies, samePolicyContent } from "@/lib/server/policies/diff-policies";
import { draftContent } from "@/lib/server/policies/draft-content";
import { lintContent } from "@/lib/server/policies/lint-content";
import { findingFieldErrors } from "@/lib/server/policies/policy-field-errors";
import { EDIT_TX } from "@/lib/server/tx-options";

/**
 * Save a whole draft (the editor's PUT). lib/cors validates it first: any
 * problem → 422 listing every one with its position and fix, nothing written
 * (an unknown project or environment is a 404 before that).
 * `revision` must be the draft's current one, or the save is refused with 409
 * `stale_revision` and the current draft, so a concurrent edit is never
 * overwritten. Origin rows are diffed, not rewritten.
 */
export async function saveDraft(actor: Actor, projectSlug: string, environmentSlug: string, input: SaveDraftRequest): Promise<Draft> {
  const content = normalizePolicyEdit(input);
  // One lint pass both validates (every parse/compile problem is an error
  // finding) and gives the findings the answer carries.
  const checkedFor = await findEnvironment(prisma, projectSlug, environmentSlug);
  let findings = lintContent(content, checkedFor);
  const errors = findingFieldErrors(findings, "body");
  if (errors.length > 0) {
    throw validationFailed(errors, `The draft has ${errors.length} problem${errors.length === 1 ? "" : "s"}; see \`errors\` (each names its position, and \`fix\` when there is a safe one).`);
  }

  const result = await prisma.$transaction(async (tx) => {
    const env = await findEnvironment(tx, projectSlug, environmentSlug);
    assertEditable(env);
    if (env.protected !== checkedFor.protected || env.name !== checkedFor.name) findings = lintContent(content, env);
    await lockDraft(tx, env.id);
    const row = await loadDraftRow(tx, env.id);
    if (row.revision !== input.revision) return { stale: true as const };
    const before = draftContent(row);
    if (samePolicyContent(before, content)) {
      // Nothing changed: no new revision, nothing to audit.
      return { stale: false as const, draft: await buildDraft(tx, env, { revision: row.revision, content: before, updatedAt: row.updatedAt, updatedBy: row.updatedByLabel }) };
    }
    await writeDraftOrigins(tx, env.id, row.origins, content.origins, actorUserId(actor));
    const updated = await tx.policyDraft.update({
      where: { environmentId: env.id },
      data: {
        revision: { increment: 1 },
        ...settingsOf(content),
        updatedById: actorUserId(actor),
        updatedByLabel: actorLabel(actor),
      },
      select: { revision: true, updatedAt: true },
    });
    const changes = diffForAudit(diffPolicies(before, content));
    await recordAudit(tx, actor, {
      action: "draft.save",
      targetType: "environment",
      targetId: env.id,
      projectId: env.projectId,
      environmentId: env.id,
      before: { revision: row.revision, ...changes.before },
      after: { revision: updated.revision, ...changes.after },
    });
    return {
      stale: false as const,
      draft: await buildDraft(tx, env, { revision: updated.revision, content, updatedAt: updated.updatedAt, updatedBy: actorLabel(actor) }, findings),
    };
  }, EDIT_TX);

  if (result.stale) {
    const current = await getDraft(projectSlug, environmentSlug);
    throw conflict(
      "stale_revision",
      `The draft changed since you loaded it (you sent revision ${input.revision}, it is now at ${current.revision}). Nothing was saved: reapply your edits on \`current\` and save again.`,
      { current },
    );
  }
  return result.draft;
}
