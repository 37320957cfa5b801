import { MAX_MIGRATION_PROBES, MIGRATION_SHAPES, type MigrationCell, type MigrationReport, type MigrationRow, type MigrationScopeEntry, type OriginRole, type RunMigrationCheckBody } from "@/lib/api/schemas/migration-check";
import { actorLabel, actorUserId, type Actor } from "@/lib/server/auth/actor";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { prisma } from "@/lib/server/db/client";
import { validationFailed } from "@/lib/server/errors";
import { takeProbeToken } from "@/lib/server/probe/probe-limits";
import { probeOptionsFromEnv } from "@/lib/server/probe/probe-options";
import { withResolveCache } from "@/lib/server/probe/resolve-cache";
import type { ProbeOptions } from "@/lib/server/probe/run-probe";
import { DEFAULT_REQUIRED_ENGINES, orderEngines } from "@/lib/api/schemas/engines";
import { DeadHosts, firstPerHost } from "./dead-hosts";
import { cellDrift, classifyEndpoint, summarize, unreachableReason } from "./classify-endpoint";
import { loadTargets } from "./load-targets";
import { compileContent, predictCell } from "./predict-cell";
import { probeCell } from "./probe-cell";
import { toMigrationReport } from "./report-dto";
import { runWithConcurrency } from "@/lib/server/probe/run-with-concurrency";
import { SHAPE_REQUESTS } from "./shapes";
import { metrics } from "@/lib/server/metrics/metrics";
import { migrationCheckEvent } from "@/lib/server/webhooks/webhook-events";

/** Probes in flight at once: enough to finish 400 probes in well under a minute, few enough not to hammer one service. */
export const PROBE_CONCURRENCY = 4;
const ROLES: readonly OriginRole[] = ["old", "new"];
const CELLS_PER_ENDPOINT = MIGRATION_SHAPES.length * ROLES.length;

export interface RunMigrationCheckOptions {
  /** Probe options (default: from the environment, 5 s timeout per request). */
  probe?: ProbeOptions;
  concurrency?: number;
  now?: Date;
}

/**
 * Run a domain migration check: every endpoint of the chosen environments,
 * probed as the old and the new origin for each request shape, beside what
 * the published policy (and the draft) predict for the same request. The
 * matrix is saved as a MigrationReport and audited (`migration_check.run`).
 * Bad targets and checks over the probe cap are refused before anything is
 * sent; an unreachable endpoint is a result, not a failure, and a host:port
 * that does not answer is probed once (dead-hosts.ts), so a run is bounded by
 * about (distinct hosts × 5 s / 4) × 2 even when every host is down.
 *
 * The report is written once, after the last probe, in one transaction with
 * its audit event: a caller that disconnects mid-run leaves either no report
 * or a complete one, never a partial matrix.
 */
export async function runMigrationCheck(actor: Actor, input: RunMigrationCheckBody, options: RunMigrationCheckOptions = {}): Promise<MigrationReport> {
  metrics().checkRuns.inc({ kind: "migration-check" });
  const targets = await loadTargets(input.targets);
  const endpointCount = targets.reduce((n, t) => n + t.endpoints.length, 0);
  if (endpointCount === 0) {
    throw validationFailed([
      { field: "body.targets", code: "no_endpoints", message: "None of the chosen environments has a base URL: add base URLs to the environments on the project page, then run the check." },
    ]);
  }
  const probes = endpointCount * CELLS_PER_ENDPOINT;
  if (probes > MAX_MIGRATION_PROBES) {
    throw validationFailed([
      {
        field: "body.targets",
        code: "too_many_probes",
        message: `This check would send ${probes} probes (${endpointCount} endpoints × ${MIGRATION_SHAPES.length} request shapes × 2 origins); the limit is ${MAX_MIGRATION_PROBES}. Choose fewer environments, or fewer base URLs or sample paths.`,
      },
    ]);
  }
  takeProbeToken(actor, "batch");

  const now = options.now ?? new Date();
  // One DNS lookup per host name for the whole run (answers and failures alike).
  const probeOptions = withResolveCache(options.probe ?? probeOptionsFromEnv());
  const origins: Record<OriginRole, string> = { old: input.oldOrigin, new: input.newOrigin };
  const engines = orderEngines(input.engines ?? DEFAULT_REQUIRED_ENGINES);
  const jobs = targets.flatMap((target, targetIndex) => {
    const live = compileContent(target.live?.content ?? null);
    const draft = compileContent(target.draft);
    return target.endpoints.flatMap((url) =>
      MIGRATION_SHAPES.flatMap((shape) => ROLES.map((role) => ({ targetIndex, url, shape, role, live, draft }))),
    );
  });
  const deadHosts = new DeadHosts();
  const runCell = async (job: (typeof jobs)[number]): Promise<MigrationCell> => {
    const shape = SHAPE_REQUESTS[job.shape];
    const request = { ...shape, url: job.url, origin: origins[job.role] };
    let live = deadHosts.skip(job.url);
    if (live === null) {
      const probed = await probeCell(job.url, request.origin, shape, probeOptions, engines);
      deadHosts.record(job.url, probed.cause);
      live = probed.live;
    }
    const allowlist = predictCell(job.live, request, now, engines);
    return {
      shape: job.shape,
      origin: job.role,
      method: shape.method,
      credentials: shape.credentials,
      live,
      allowlist,
      draft: predictCell(job.draft, request, now, engines),
      drift: cellDrift(live, allowlist),
    };
  };
  // First one probe per host:port, then the rest: a dead host costs one
  // timeout, not one per cell (and 4 cells of one dead host never wait in
  // parallel). Worst case ≈ distinct hosts × timeout / concurrency + the
  // live hosts' own probes.
  const concurrency = options.concurrency ?? PROBE_CONCURRENCY;
  const { first, rest } = firstPerHost(jobs.map((j) => j.url));
  const cells = new Array<MigrationCell>(jobs.length);
  for (const phase of [first, rest]) {
    await runWithConcurrency(phase, concurrency, async (index) => {
      cells[index] = await runCell(jobs[index] as (typeof jobs)[number]);
    });
  }

  const rows: MigrationRow[] = [];
  let k = 0;
  for (const target of targets) {
    for (const url of target.endpoints) {
      const endpointCells = cells.slice(k, k + CELLS_PER_ENDPOINT);
      k += CELLS_PER_ENDPOINT;
      rows.push({
        project: target.project,
        environment: target.environment,
        url,
        class: classifyEndpoint(endpointCells),
        drift: endpointCells.some((c) => c.drift !== null),
        unreachable: unreachableReason(endpointCells),
        cells: endpointCells,
      });
    }
  }
  const scope: MigrationScopeEntry[] = targets.map((t) => ({
    project: t.project,
    projectName: t.projectName,
    environment: t.environment,
    environmentName: t.environmentName,
    protected: t.protected,
    liveVersion: t.live?.number ?? null,
    endpoints: t.endpoints.length,
    draftHasNewOrigin: t.draft.origins.some((o) => o.value === input.newOrigin),
    draftHasOldOrigin: t.draft.origins.some((o) => o.value === input.oldOrigin),
  }));
  const summary = summarize(rows);

  const saved = await prisma.$transaction(async (tx) => {
    const report = await tx.migrationReport.create({
      data: {
        oldOrigin: input.oldOrigin,
        newOrigin: input.newOrigin,
        scope: JSON.parse(JSON.stringify(scope)),
        summary: JSON.parse(JSON.stringify(summary)),
        rows: JSON.parse(JSON.stringify(rows)),
        engines,
        createdById: actorUserId(actor),
        createdByLabel: actorLabel(actor),
      },
    });
    await recordAudit(tx, actor, {
      action: "migration_check.run",
      targetType: "migration_report",
      targetId: report.id,
      after: { oldOrigin: input.oldOrigin, newOrigin: input.newOrigin, targets: input.targets, engines, summary },
    });
    return report;
  });
  const report = toMigrationReport(saved);
  migrationCheckEvent(report, actor);
  return report;
}
