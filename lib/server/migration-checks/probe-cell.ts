import type { LiveResult } from "@/lib/api/schemas/migration-check";
import { describeCause, describeRefusal, type NetworkCause } from "@/lib/server/probe/probe-outcome";
import type { ProbeOptions } from "@/lib/server/probe/run-probe";
import { runProbeEngines } from "@/lib/server/probe/probe-engines";
import { judgeEngines } from "@/lib/cors/engine-requirement";
import { DEFAULT_ENGINE, type Engine } from "@/lib/cors/simulate/engines";
import type { ShapeRequest } from "./shapes";

/** One probed cell: what the matrix shows, and the network cause when it got no response (for dead-hosts.ts). */
export interface ProbedCell {
  live: LiveResult;
  cause: NetworkCause | null;
}

/**
 * Probe one endpoint for one shape and origin. A network error, a timeout or
 * a refusal (the SSRF guard, a bad base URL) makes this cell "unreachable"
 * with the reason: it never fails the whole check.
 */
export async function probeCell(url: string, origin: string, shape: ShapeRequest, options: ProbeOptions, engines: readonly Engine[] = [DEFAULT_ENGINE]): Promise<ProbedCell> {
  const outcome = await runProbeEngines({ url, origin, method: shape.method, headers: shape.headers, credentials: shape.credentials, sendActual: false }, options, engines);
  switch (outcome.kind) {
    case "refused":
      return { live: { verdict: "unreachable", stage: null, failure: null, actualChecked: false, error: describeRefusal(outcome.refusal) }, cause: null };
    case "unreachable": {
      const { result, cause } = outcome;
      return { live: { verdict: "unreachable", stage: result.stage, failure: result.failure, actualChecked: false, error: result.failure?.message ?? describeCause(cause) }, cause };
    }
    case "answered": {
      const { result } = outcome;
      // The strictest verdict across the required engines: allowed only when every one allows it; the first blocking engine's stage and failure.
      const judged = judgeEngines("allowed", result.engines, result.engineDifferences.map((d) => d.rule));
      const shown = result.engines.find((e) => e.engine === judged.failed?.engine) ?? result;
      const live: LiveResult = {
        verdict: shown.verdict,
        stage: shown.stage,
        failure: shown.failure ? { rule: shown.failure.rule, message: shown.failure.message, fix: shown.failure.fix } : null,
        // Non-GET requests are not sent (side effects): when the preflight passed, the verdict is the preflight's.
        actualChecked: result.actual !== null || result.verdict === "blocked",
        error: null,
        preflightStatus: result.preflight.status,
        ...(engines.length > 1 || engines[0] !== DEFAULT_ENGINE ? { engines: judged.engines.map((e) => ({ ...e })) } : {}),
      };
      return { live, cause: null };
    }
  }
}
