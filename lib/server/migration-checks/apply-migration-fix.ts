import type { OriginRule } from "@/lib/api/schemas/policy";
import type { ApplyMigrationRequest, ApplyMigrationResult } from "@/lib/api/schemas/migration-check";
import { actorLabel, actorUserId, type Actor } from "@/lib/server/auth/actor";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { prisma } from "@/lib/server/db/client";
import { notFound, validationFailed } from "@/lib/server/errors";
import { loadDraftRow, lockDraft } from "@/lib/server/drafts/lock-draft";
import { checkOriginsToAdd } from "@/lib/server/drafts/merge-origins";
import { writeDraftOrigins } from "@/lib/server/drafts/write-draft-origins";
import { assertEditable, findEnvironment, type EnvironmentRef } from "@/lib/server/environments/find-environment";
import { draftContent } from "@/lib/server/policies/draft-content";
import { EDIT_TX } from "@/lib/server/tx-options";
import { toMigrationReport } from "./report-dto";
import { retryOnLockConflict } from "./retry-on-lock-conflict";

/**
 * The one-click fix of a migration check: add the new origin to the draft of
 * every environment of the report that lacks it (with a note saying why),
 * and, with `expireOldOn`, set that expiry on the old origin's rule. All
 * environments in one transaction — one refused (archived project, deleted
 * environment) and nothing is written. Each changed draft gets its revision
 * bumped and an audit event (`migration_check.apply`). Drafts only: the
 * changes are reviewed and published from each environment's editor
 * (protected environments through approval as usual).
 *
 * Safe to run concurrently (the same report twice, or two reports over the
 * same environments): drafts are locked in one order and read after the
 * lock, so the second apply finds the origin there, changes nothing and
 * records no audit event.
 */
export async function applyMigrationFix(actor: Actor, reportId: string, input: ApplyMigrationRequest, now = new Date()): Promise<ApplyMigrationResult> {
  const row = await prisma.migrationReport.findUnique({ where: { id: reportId } });
  if (!row) throw notFound(`Migration report "${reportId}"`);
  const report = toMigrationReport(row);
  const today = now.toISOString().slice(0, 10);
  if (input.expireOldOn !== undefined && input.expireOldOn <= today) {
    throw validationFailed([{ field: "body.expireOldOn", code: "not_in_future", message: `Choose a day after today (${today}): the old origin keeps working until 00:00 UTC of that day.` }]);
  }
  const oldExpiresAt = input.expireOldOn === undefined ? null : `${input.expireOldOn}T00:00:00.000Z`;
  const note = input.note || `Added by migration check ${report.createdAt.slice(0, 10)}: replaces ${report.oldOrigin}`;
  // The new origin was validated when the check ran; check it again as a draft entry (same rules as adding by hand).
  const [entry] = checkOriginsToAdd([{ rule: { value: report.newOrigin, note, expiresAt: null }, requestIndex: 0 }], "body");
  if (!entry) throw new Error("unreachable: one origin checked, none returned");

  const environments = dedupe(report.scope.map((s) => ({ project: s.project, environment: s.environment })));
  const results = await retryOnLockConflict(() =>
    prisma.$transaction(async (tx) => {
      const refs: EnvironmentRef[] = [];
      for (const target of environments) {
        const env = await findEnvironment(tx, target.project, target.environment);
        assertEditable(env);
        refs.push(env);
      }
      // Lock every draft up front in one order for everybody (environment id):
      // two applies over the same environments listed in different orders
      // then queue on the first lock instead of each holding one the other
      // waits for (a deadlock PostgreSQL breaks by failing one of them).
      for (const env of [...refs].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) await lockDraft(tx, env.id);
      const out: ApplyMigrationResult["environments"] = [];
      for (const env of refs) {
        const draft = await loadDraftRow(tx, env.id);
        const before = draftContent(draft).origins;
        const hasNew = before.some((o) => o.value === report.newOrigin);
        const hasOld = before.some((o) => o.value === report.oldOrigin);
        const next: OriginRule[] = before.map((o) => (oldExpiresAt !== null && o.value === report.oldOrigin ? { ...o, expiresAt: oldExpiresAt } : o));
        if (!hasNew) next.push(entry.rule);
        const expiryChanged = oldExpiresAt !== null && hasOld && before.some((o) => o.value === report.oldOrigin && o.expiresAt !== oldExpiresAt);
        const status = hasNew ? ("already-there" as const) : ("added" as const);
        const base = { project: env.projectSlug, environment: env.slug, status, oldExpiresAt: oldExpiresAt !== null && hasOld ? oldExpiresAt : null, oldNotListed: oldExpiresAt !== null && !hasOld };
        if (hasNew && !expiryChanged) {
          out.push({ ...base, revision: draft.revision, changed: false });
          continue;
        }
        await writeDraftOrigins(tx, env.id, draft.origins, next, actorUserId(actor));
        const updated = await tx.policyDraft.update({
          where: { environmentId: env.id },
          data: { revision: { increment: 1 }, updatedById: actorUserId(actor), updatedByLabel: actorLabel(actor) },
          select: { revision: true },
        });
        await recordAudit(tx, actor, {
          action: "migration_check.apply",
          targetType: "environment",
          targetId: env.id,
          projectId: env.projectId,
          environmentId: env.id,
          before: { revision: draft.revision },
          after: {
            revision: updated.revision,
            reportId: report.id,
            ...(hasNew ? {} : { origins: [entry.rule] }),
            ...(expiryChanged ? { expired: { value: report.oldOrigin, expiresAt: oldExpiresAt } } : {}),
          },
        });
        out.push({ ...base, revision: updated.revision, changed: true });
      }
      return out;
    }, EDIT_TX),
  );
  return { reportId: report.id, environments: results };
}

function dedupe<T extends { project: string; environment: string }>(list: readonly T[]): T[] {
  const seen = new Set<string>();
  return list.filter((t) => (seen.has(`${t.project}/${t.environment}`) ? false : (seen.add(`${t.project}/${t.environment}`), true)));
}
