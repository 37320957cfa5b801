import { prisma } from "@/lib/server/db/client";
import type { SavedCheck, SavedCheckRunResult, SavedCheckTrigger } from "@/lib/api/schemas/saved-check";
import type { Actor } from "@/lib/server/auth/actor";
import { notFound } from "@/lib/server/errors";
import { findEnvironment } from "@/lib/server/environments/find-environment";
import { takeProbeToken } from "@/lib/server/probe/probe-limits";
import { probeOptionsFromEnv } from "@/lib/server/probe/probe-options";
import { describeRefusal } from "@/lib/server/probe/probe-outcome";
import { runProbeEngines } from "@/lib/server/probe/probe-engines";
import { orderEngines } from "@/lib/api/schemas/engines";
import { judgeEngines } from "@/lib/cors/engine-requirement";
import { liveVersionNumber } from "@/lib/server/versions/live-version";
import { runWithConcurrency } from "@/lib/server/probe/run-with-concurrency";
import { SAVED_CHECK_ORDER, toSavedCheckDto, type SavedCheckRow, type StoredRunResult } from "./saved-check-dto";
import { metrics } from "@/lib/server/metrics/metrics";
import { savedCheckTransitionEvents } from "@/lib/server/webhooks/webhook-events";

/** Probes in flight per run: fast enough for 50 checks, gentle on the target. */
const RUN_CONCURRENCY = 4;

/**
 * Probe every given check as a browser would (runProbe; the actual request of
 * a method with side effects is sent only for checks an editor opted in with
 * `sendActual`, else only its preflight is verified), store each outcome as the
 * check's last run, and return the checks. A target the probe refuses (SSRF
 * guard, bad URL) is the verdict "error", and an unreachable one "blocked";
 * neither passes, whatever the check expects. A run changes
 * no configuration, so it is not an audit event.
 *
 * Runs overlap (a manual run in flight when a publish triggers one, CI and a
 * person at once), so each write is conditional:
 * - only if the check is still what this run probed (`updatedAt` unchanged):
 *   an edit during the run cleared the last result, and the old request's
 *   outcome must not come back as the new one's;
 * - only if no newer probe of it has been stored (`lastRunAt` before this
 *   probe's start): a slow run that started before a publish never overwrites
 *   the after-publish result.
 * `lastRunAt` is when the probe started, and `lastVersion` the version live
 * at that moment (read per check, not once per run). A check whose write was
 * skipped is returned as stored (the newer result), a deleted one not at all.
 * A run never bumps `updatedAt`: that marks changes to the definition.
 */
export async function probeSavedChecks(environmentId: string, rows: readonly SavedCheckRow[], trigger: SavedCheckTrigger): Promise<SavedCheckRunResult> {
  metrics().checkRuns.inc({ kind: "saved-checks" });
  const options = probeOptionsFromEnv();
  const updated = await runWithConcurrency(rows, RUN_CONCURRENCY, async (row): Promise<SavedCheck | null> => {
    const startedAt = new Date();
    const versionAtProbe = await liveVersionNumber(prisma, environmentId);
    const expect = row.expect === "blocked" ? "blocked" : "allowed";
    // Each required engine is probed (Chromium first when required: its result is the main one); the check passes only when all meet the expectation.
    const outcome = await runProbeEngines(
      { url: row.url, origin: row.origin, method: row.method, headers: (row.headers ?? {}) as Record<string, string>, credentials: row.credentials === "include" ? "include" : "omit", sendActual: row.sendActual },
      options,
      orderEngines(row.engines),
    );
    let verdict: "allowed" | "blocked" | "error";
    let stored: StoredRunResult;
    let enginesPass = false;
    switch (outcome.kind) {
      case "refused":
        verdict = "error";
        stored = { error: describeRefusal(outcome.refusal) };
        break;
      case "unreachable":
      case "answered": {
        const judged = judgeEngines(expect, outcome.result.engines, outcome.result.engineDifferences.map((d) => d.rule));
        verdict = judged.verdict;
        enginesPass = judged.passed;
        stored = { probe: JSON.parse(JSON.stringify(outcome.result)) as never, engines: judged.engines.map((e) => ({ ...e })) };
        break;
      }
    }
    // A server that does not answer proves nothing about its CORS policy: such a run fails even a check that expects "blocked".
    const unreachable = outcome.kind === "unreachable";
    const data = {
      lastRunAt: startedAt,
      lastTrigger: trigger,
      lastVerdict: verdict,
      lastPassed: enginesPass && !unreachable,
      lastVersion: versionAtProbe,
      lastResult: stored as never,
      updatedAt: row.updatedAt,
    };
    const written = await prisma.savedCheck.updateMany({
      where: { id: row.id, updatedAt: row.updatedAt, OR: [{ lastRunAt: null }, { lastRunAt: { lt: startedAt } }] },
      data,
    });
    if (written.count === 1) return toSavedCheckDto({ ...row, ...data });
    // Edited, deleted or overtaken by a newer run meanwhile: report what is stored.
    const current = await prisma.savedCheck.findUnique({ where: { id: row.id } });
    return current ? toSavedCheckDto(current) : null;
  });
  const checks = updated.filter((c): c is SavedCheck => c !== null);
  savedCheckTransitionEvents(environmentId, rows, checks);
  const passed = checks.filter((c) => c.lastRun?.passed).length;
  const liveVersion = await liveVersionNumber(prisma, environmentId);
  return { trigger, liveVersion, checks, total: checks.length, passed, failed: checks.length - passed };
}

/**
 * Run the saved checks of an environment (all, or the one `checkId`) for a
 * caller: a whole run costs one token of the caller's batch limit, a single
 * check one probe token. Callers with an API token are recorded as trigger
 * "api" (CI), people as "manual".
 */
export async function runSavedChecks(actor: Actor, projectSlug: string, environmentSlug: string, checkId?: string): Promise<SavedCheckRunResult> {
  const env = await findEnvironment(prisma, projectSlug, environmentSlug);
  const rows = await prisma.savedCheck.findMany({ where: { environmentId: env.id, ...(checkId ? { id: checkId } : {}) }, orderBy: SAVED_CHECK_ORDER });
  if (checkId && rows.length === 0) throw notFound(`Saved check "${checkId}" of ${env.projectSlug}/${env.slug}`);
  takeProbeToken(actor, checkId ? "probe" : "batch");
  return probeSavedChecks(env.id, rows, actor.kind === "token" ? "api" : "manual");
}
