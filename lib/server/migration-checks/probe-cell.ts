import type { LiveResult } from "@/lib/api/schemas/migration-check";
import { AppError } from "@/lib/server/errors";
import { runProbe, type ProbeOptions } from "@/lib/server/probe/run-probe";
import type { ShapeRequest } from "./shapes";

/**
 * Probe one endpoint for one shape and origin. A network error, a timeout or
 * a refusal (the SSRF guard, a bad base URL) makes this cell "unreachable"
 * with the reason: it never fails the whole check.
 */
export async function probeCell(url: string, origin: string, shape: ShapeRequest, options: ProbeOptions): Promise<LiveResult> {
  try {
    const result = await runProbe({ url, origin, method: shape.method, headers: shape.headers, credentials: shape.credentials, sendActual: false }, options);
    const networkError = result.preflight.error ?? result.actual?.error ?? null;
    if (networkError !== null) {
      return { verdict: "unreachable", stage: result.stage, failure: result.failure, actualChecked: false, error: result.failure?.message ?? networkError };
    }
    return {
      verdict: result.verdict,
      stage: result.stage,
      failure: result.failure ? { rule: result.failure.rule, message: result.failure.message, fix: result.failure.fix } : null,
      // Non-GET requests are not sent (side effects): when the preflight passed, the verdict is the preflight's.
      actualChecked: result.actual !== null || result.verdict === "blocked",
      error: null,
      preflightStatus: result.preflight.status,
    };
  } catch (error) {
    if (error instanceof AppError) return { verdict: "unreachable", stage: null, failure: null, actualChecked: false, error: error.message };
    throw error;
  }
}
