// "What would a browser decide if the service answered with this policy?"
// The allowlist side of the tester's comparisons: the headers a service
// running the policy sends (`evaluateRequest`, what the SDK does) fed to the
// browser simulator (what Chromium does). The same path as the agreement
// property in ../agreement.test.ts, so this prediction, the editor's lints
// and the SDK's behaviour cannot disagree.

import { evaluateRequest } from "../policy-evaluate";
import { DEFAULT_ENGINE, type Engine, type EngineRule } from "../simulate/engines";
import { normalizeMethod } from "../simulate/method";
import { planPreflight } from "../simulate/preflight-request";
import { simulate } from "../simulate/simulate";
import type { ObservedResponse, SimulateRequest, SimulationFailure, Stage, Verdict } from "../simulate/types";
import type { CompiledPolicy, EvaluateResult } from "../types";

export interface PredictedVerdict {
  readonly verdict: Verdict;
  /** Where the browser stops, when blocked. */
  readonly stage: Stage | null;
  /** Why it is blocked (the simulator's failure with its fix), when blocked. */
  readonly failure: SimulationFailure | null;
  /** Whether the browser sends a preflight for this request. */
  readonly preflighted: boolean;
  /** Engine rules (../simulate/engines.ts) that bear on this request: where engines may decide differently. */
  readonly departures: readonly EngineRule[];
}

export interface PredictOptions {
  /** Clock for rule expiry (epoch ms or Date); default now. */
  readonly now?: number | Date;
  /** The engine deciding (./simulate/engines.ts). Default `"chromium"`. */
  readonly engine?: Engine;
}

/** Status a handler answers with when evaluate leaves it to the handler (the service's own 200, or 204 for OPTIONS). */
function observed(result: EvaluateResult, defaultStatus: number): ObservedResponse {
  return { status: result.status ?? defaultStatus, headers: result.headers };
}

/**
 * The browser's verdict on `request` when the server answers as `policy`
 * says: the preflight the browser would send (https://fetch.spec.whatwg.org/#cors-preflight-fetch)
 * is evaluated as a service would, then the actual request, and the simulator
 * decides on those responses. A credentialed request against a policy without
 * credentials is blocked here as in browsers (no Access-Control-Allow-Credentials).
 */
export function predictBrowserVerdict(policy: CompiledPolicy, request: SimulateRequest, options: PredictOptions = {}): PredictedVerdict {
  const evaluateOptions = options.now === undefined ? {} : { now: options.now };
  const engine = options.engine ?? DEFAULT_ENGINE;
  const plan = planPreflight(request, { engine });
  const preflight = plan.request
    ? evaluateRequest(
        policy,
        {
          method: "OPTIONS",
          origin: plan.request.headers.Origin ?? null,
          accessControlRequestMethod: plan.request.headers["Access-Control-Request-Method"] ?? null,
          accessControlRequestHeaders: plan.request.headers["Access-Control-Request-Headers"] ?? null,
        },
        evaluateOptions,
      )
    : undefined;
  const actual = evaluateRequest(policy, { method: normalizeMethod(request.method), origin: request.origin }, evaluateOptions);
  const result = simulate(request, { ...(preflight ? { preflight: observed(preflight, 204) } : {}), actual: observed(actual, 200) }, { engine });
  return {
    verdict: result.verdict,
    stage: result.verdict === "blocked" ? (result.stage ?? null) : null,
    failure: result.verdict === "blocked" ? (result.failure ?? null) : null,
    preflighted: plan.required,
    departures: result.departures,
  };
}
