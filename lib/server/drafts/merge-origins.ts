import type { Tx } from "@/lib/server/db/types";
import type { Draft } from "@/lib/api/schemas/editing";
import type { OriginRule, PolicyContent } from "@/lib/api/schemas/policy";
import { actorLabel, actorUserId, type Actor } from "@/lib/server/auth/actor";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { validationFailed } from "@/lib/server/errors";
import type { EnvironmentRef } from "@/lib/server/environments/find-environment";
import { buildDraft } from "@/lib/server/drafts/draft-dto";
import { loadDraftRow, lockDraft } from "@/lib/server/drafts/lock-draft";
import { insertOriginRows, originRow } from "@/lib/server/drafts/write-draft-origins";
import { draftContent } from "@/lib/server/policies/draft-content";
import { EMPTY_POLICY } from "@/lib/api/policy-defaults";
import { lintContent } from "@/lib/server/policies/lint-content";
import { findingFieldErrors, policyFieldErrors } from "@/lib/server/policies/policy-field-errors";

/** An origin to add, and where it was in the request (for error positions). */
export interface OriginToAdd {
  rule: OriginRule;
  requestIndex: number;
}

/**
 * Origins deduplicated by value, first occurrence kept, each checked alone
 * by lib/cors: every problem is reported at its request position (`fix`
 * included). Throws 422 when any entry is invalid.
 */
export function checkOriginsToAdd(entries: readonly OriginToAdd[], prefix = "body.origins"): OriginToAdd[] {
  const seen = new Set<string>();
  const unique = entries.filter((e) => (seen.has(e.rule.value) ? false : (seen.add(e.rule.value), true)));
  const errors = policyFieldErrors({ ...EMPTY_POLICY, origins: unique.map((e) => e.rule) }, "x", (i) => i).map((error) => {
    const match = /^x\.origins\.(\d+)(\..*)?$/.exec(error.field);
    const index = match ? unique[Number(match[1])]?.requestIndex : undefined;
    return { ...error, field: index === undefined ? prefix : `${prefix}.${index}${match?.[2] ?? ""}` };
  });
  if (errors.length > 0) throw validationFailed(errors, `${errors.length} of the origins ${errors.length === 1 ? "has a problem" : "have problems"}; see \`errors\`. Nothing was added.`);
  return unique;
}

/**
 * Adds origins to an environment's draft inside the caller's transaction,
 * under the draft lock, so concurrent adds all land (no revision needed).
 * Values already in the draft are skipped. The merged policy must still
 * compile (e.g. `*` with credentials is refused, at the request position).
 * Audited with `action`; returns the draft after the change.
 */
export async function mergeOriginsIntoDraft(
  tx: Tx,
  actor: Actor,
  env: EnvironmentRef,
  entries: readonly OriginToAdd[],
  audit: { action: string; prefix?: string; extra?: Record<string, unknown> },
): Promise<{ draft: Draft; added: string[]; skipped: string[] }> {
  await lockDraft(tx, env.id);
  const row = await loadDraftRow(tx, env.id);
  const before = draftContent(row);
  const existing = new Set(before.origins.map((o) => o.value));
  const fresh = entries.filter((e) => !existing.has(e.rule.value));
  const skipped = entries.filter((e) => existing.has(e.rule.value)).map((e) => e.rule.value);
  if (fresh.length === 0) {
    const draft = await buildDraft(tx, env, { revision: row.revision, content: before, updatedAt: row.updatedAt, updatedBy: row.updatedByLabel });
    return { draft, added: [], skipped };
  }

  const merged: PolicyContent = { ...before, origins: [...before.origins, ...fresh.map((e) => e.rule)] };
  const prefix = audit.prefix ?? "body.origins";
  // One lint pass of the merged list: its problems in the new entries refuse
  // the request; its findings go with the answer.
  const findings = lintContent(merged, env);
  const errors = findingFieldErrors(findings, "x", (i) => (i >= before.origins.length ? (fresh[i - before.origins.length]?.requestIndex ?? null) : null)).map(
    (error) => ({ ...error, field: error.field.replace(/^x\.origins/, prefix) }),
  ).filter((error) => error.field.startsWith(`${prefix}.`));
  if (errors.length > 0) throw validationFailed(errors, "The draft would not be valid with these origins; see `errors`. Nothing was added.");

  const start = row.origins.reduce((max, o) => Math.max(max, o.position), -1) + 1;
  await insertOriginRows(tx, env.id, fresh.map((e, k) => originRow(e.rule, start + k)), actorUserId(actor));
  const updated = await tx.policyDraft.update({
    where: { environmentId: env.id },
    data: { revision: { increment: 1 }, updatedById: actorUserId(actor), updatedByLabel: actorLabel(actor) },
    select: { revision: true, updatedAt: true },
  });
  await recordAudit(tx, actor, {
    action: audit.action,
    targetType: "environment",
    targetId: env.id,
    projectId: env.projectId,
    environmentId: env.id,
    before: { revision: row.revision },
    after: { revision: updated.revision, origins: fresh.map((e) => e.rule), ...(skipped.length > 0 ? { skipped } : {}), ...audit.extra },
  });
  const draft = await buildDraft(tx, env, { revision: updated.revision, content: merged, updatedAt: updated.updatedAt, updatedBy: actorLabel(actor) }, findings);
  return { draft, added: fresh.map((e) => e.rule.value), skipped };
}
