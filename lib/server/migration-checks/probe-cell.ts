import type { LiveResult } from "@/lib/api/schemas/migration-check";
import { describeCause, describeRefusal, type NetworkCause } from "@/lib/server/probe/probe-outcome";
import { runProbe, type ProbeOptions } from "@/lib/server/probe/run-probe";
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
export async function probeCell(url: string, origin: string, shape: ShapeRequest, options: ProbeOptions): Promise<ProbedCell> {
  const outcome = await runProbe({ url, origin, method: shape.method, headers: shape.headers, credentials: shape.credentials, sendActual: false }, options);
  switch (outcome.kind) {
    case "refused":
      return { live: { verdict: "unreachable", stage: null, failure: null, actualChecked: false, error: describeRefusal(outcome.refusal) }, cause: null };
    case "unreachable": {
      const { result, cause } = outcome;
      return { live: { verdict: "unreachable", stage: result.stage, failure: result.failure, actualChecked: false, error: result.failure?.message ?? describeCause(cause) }, cause };
    }
    case "answered": {
      const { result } = outcome;
      const live: LiveResult = {
        verdict: result.verdict,
        stage: result.stage,
        failure: result.failure ? { rule: result.failure.rule, message: result.failure.message, fix: result.failure.fix } : null,
        // Non-GET requests are not sent (side effects): when the preflight passed, the verdict is the preflight's.
        actualChecked: result.actual !== null || result.verdict === "blocked",
        error: null,
        preflightStatus: result.preflight.status,
      };
      return { live, cause: null };
    }
  }
}
