import { prisma } from "@/lib/server/db/client";
import type { SavedCheckRunResult, SavedCheckTrigger } from "@/lib/api/schemas/saved-check";
import type { Actor } from "@/lib/server/auth/actor";
import { AppError, notFound } from "@/lib/server/errors";
import { findEnvironment } from "@/lib/server/environments/find-environment";
import { takeProbeToken } from "@/lib/server/probe/probe-limits";
import { probeOptionsFromEnv } from "@/lib/server/probe/probe-options";
import { runProbe } from "@/lib/server/probe/run-probe";
import { liveVersionNumber } from "@/lib/server/publishing/live-version";
import { mapConcurrent } from "./map-concurrent";
import { SAVED_CHECK_ORDER, toSavedCheckDto, type SavedCheckRow, type StoredRunResult } from "./saved-check-dto";

/**
 * A server that does not answer proves nothing about its CORS policy: such a
 * run fails even a check that expects "blocked".
 */
const UNREACHABLE_RULES: ReadonlySet<string> = new Set(["preflight-no-response", "actual-no-response"]);

/** Probes in flight per run: fast enough for 50 checks, gentle on the target. */
const RUN_CONCURRENCY = 4;

/**
 * Probe every given check as a browser would (runProbe, never sending the
 * actual request for methods with side effects), store each outcome as the
 * check's last run, and return the checks. A target the probe refuses (SSRF
 * guard, bad URL) is the verdict "error", and an unreachable one "blocked";
 * neither passes, whatever the check expects. A run changes
 * no configuration, so it is not an audit event.
 */
export async function probeSavedChecks(environmentId: string, rows: readonly SavedCheckRow[], trigger: SavedCheckTrigger): Promise<SavedCheckRunResult> {
  const liveVersion = await liveVersionNumber(prisma, environmentId);
  const options = probeOptionsFromEnv();
  const updated = await mapConcurrent(rows, RUN_CONCURRENCY, async (row) => {
    let verdict: "allowed" | "blocked" | "error";
    let unreachable = false;
    let stored: StoredRunResult;
    try {
      const probe = await runProbe(
        { url: row.url, origin: row.origin, method: row.method, headers: (row.headers ?? {}) as Record<string, string>, credentials: row.credentials === "include" ? "include" : "omit", sendActual: false },
        options,
      );
      verdict = probe.verdict;
      unreachable = probe.failure !== null && UNREACHABLE_RULES.has(probe.failure.rule);
      stored = { probe: JSON.parse(JSON.stringify(probe)) as never };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      verdict = "error";
      stored = { error: error.message };
    }
    const data = {
      lastRunAt: new Date(),
      lastTrigger: trigger,
      lastVerdict: verdict,
      lastPassed: verdict === row.expect && !unreachable,
      lastVersion: liveVersion,
      lastResult: stored as never,
    };
    // The check may have been deleted meanwhile: updateMany writes nothing then.
    await prisma.savedCheck.updateMany({ where: { id: row.id }, data });
    return toSavedCheckDto({ ...row, ...data });
  });
  const passed = updated.filter((c) => c.lastRun?.passed).length;
  return { trigger, liveVersion, checks: updated, total: updated.length, passed, failed: updated.length - passed };
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
