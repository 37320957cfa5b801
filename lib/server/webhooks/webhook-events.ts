import { prisma } from "@/lib/server/db/client";
import { logger } from "@/lib/server/logger";
import type { ChangeRequest, VersionSummary } from "@/lib/api/schemas/editing";
import type { SavedCheck } from "@/lib/api/schemas/saved-check";
import type { MigrationReport } from "@/lib/api/schemas/migration-check";
import { actorLabel, type Actor } from "@/lib/server/auth/actor";
import { emitWebhookEvent } from "./deliver-webhooks";

/*
 * The events, described once: each function is called by the operation after
 * its transaction committed, builds the event and hands it to
 * emitWebhookEvent (which returns at once and never throws).
 */

const envPath = (project: string, environment: string) => `/projects/${encodeURIComponent(project)}/${encodeURIComponent(environment)}`;

export function changeRequestEvent(kind: "opened" | "approved" | "rejected" | "withdrawn", cr: ChangeRequest, actor: Actor): void {
  const what = cr.rollbackOf !== null ? `rollback to v${cr.rollbackOf}` : "change";
  const summary = {
    opened: `Approval needed: ${actorLabel(actor)} requested a ${what} of ${cr.project}/${cr.environment} — "${cr.message}"`,
    approved: `${actorLabel(actor)} approved the ${what} of ${cr.project}/${cr.environment}${cr.version !== null ? `: v${cr.version} is live` : ""}`,
    rejected: `${actorLabel(actor)} rejected the ${what} of ${cr.project}/${cr.environment}${cr.reviewComment ? ` — "${cr.reviewComment}"` : ""}`,
    withdrawn: `${actorLabel(actor)} withdrew the ${what} of ${cr.project}/${cr.environment}`,
  }[kind];
  emitWebhookEvent({
    type: `change-request.${kind}`,
    summary,
    path: "/approvals",
    actor: actorLabel(actor),
    data: {
      changeRequest: { id: cr.id, project: cr.project, environment: cr.environment, status: cr.status, message: cr.message, author: cr.author, reviewer: cr.reviewer, reviewComment: cr.reviewComment, baseVersion: cr.baseVersion, rollbackOf: cr.rollbackOf, version: cr.version, diff: cr.diff },
    },
  });
}

export function versionEvent(project: string, environment: string, version: VersionSummary, actor: Actor): void {
  const rolledBack = version.rollbackOf !== null;
  emitWebhookEvent({
    type: rolledBack ? "version.rolled-back" : "version.published",
    summary: rolledBack
      ? `${project}/${environment} rolled back to the content of v${version.rollbackOf} as v${version.number} by ${actorLabel(actor)}`
      : `${project}/${environment} v${version.number} published by ${actorLabel(actor)} — "${version.message}" (${version.originCount} origins)`,
    path: `${envPath(project, environment)}/history`,
    actor: actorLabel(actor),
    data: { project, environment, version },
  });
}

/**
 * After a saved-check run: a check that passed (or never ran) and now fails
 * is "saved-check.failing", one that failed and now passes
 * "saved-check.passing". `before` are the rows as the run read them.
 */
export function savedCheckTransitionEvents(environmentId: string, before: readonly { id: string; lastPassed: boolean | null }[], after: readonly SavedCheck[]): void {
  const changed = after.flatMap((check): { check: SavedCheck; kind: "failing" | "passing" }[] => {
    const previous = before.find((b) => b.id === check.id)?.lastPassed ?? null;
    const now = check.lastRun?.passed;
    if (now === false && previous !== false) return [{ check, kind: "failing" }];
    if (now === true && previous === false) return [{ check, kind: "passing" }];
    return [];
  });
  if (changed.length === 0) return;
  void prisma.environment
    .findUnique({ where: { id: environmentId }, select: { slug: true, project: { select: { slug: true } } } })
    .then((env) => {
      if (!env) return;
      for (const { check, kind } of changed) {
        const run = check.lastRun!;
        // Required in several engines: the one that failed it (the run's verdict is that engine's).
        const failedEngine = run.engines.length > 1 ? (run.engines.find((e) => !e.passed) ?? null) : null;
        emitWebhookEvent({
          type: `saved-check.${kind}`,
          summary:
            kind === "failing"
              ? `Saved check "${check.name}" on ${env.project.slug}/${env.slug} started failing: expected ${check.expect}, got ${run.verdict}${failedEngine ? ` in ${failedEngine.name}` : ""}${run.error ? ` (${run.error})` : ""}`
              : `Saved check "${check.name}" on ${env.project.slug}/${env.slug} passes again`,
          path: envPath(env.project.slug, env.slug),
          actor: null,
          data: {
            project: env.project.slug,
            environment: env.slug,
            check: { id: check.id, name: check.name, url: check.url, origin: check.origin, method: check.method, expect: check.expect, engines: check.engines },
            run: { at: run.at, trigger: run.trigger, verdict: run.verdict, passed: run.passed, version: run.version, error: run.error, failure: run.result?.failure ?? null, engines: run.engines },
          },
        });
      }
    })
    .catch((error: unknown) => logger().warn({ err: error instanceof Error ? error.message : String(error) }, "saved-check webhook event not sent"));
}

export function migrationCheckEvent(report: MigrationReport, actor: Actor): void {
  const s = report.summary;
  emitWebhookEvent({
    type: "migration-check.finished",
    summary: `Migration check ${report.oldOrigin} → ${report.newOrigin} finished: ${s.ready} of ${s.endpoints} endpoints ready, ${s.oldOnly} old origin only, ${s.neither} neither, ${s.unreachable} unreachable`,
    path: `/migrations/${encodeURIComponent(report.id)}`,
    actor: actorLabel(actor),
    data: { report: { id: report.id, oldOrigin: report.oldOrigin, newOrigin: report.newOrigin, createdBy: report.createdBy, summary: s, scope: report.scope.map((e) => ({ project: e.project, environment: e.environment })) } },
  });
}

/** After a publish or rollback: a version went live, or a change request was opened for one. */
export function publishResultEvent(project: string, environment: string, result: { kind: "published"; version: VersionSummary } | { kind: "change-request"; changeRequest: ChangeRequest }, actor: Actor): void {
  if (result.kind === "published") versionEvent(project, environment, result.version, actor);
  else changeRequestEvent("opened", result.changeRequest, actor);
}
