// Why a policy refuses a request, in the policy's own terms. The browser only
// sees a preflight without Access-Control-Allow-Origin whether the origin,
// the method or a header was refused (services send no CORS headers on a
// rejection), so the simulator's failure alone can't tell an editor which
// setting to change; evaluate's reason can.

import { evaluateRequest } from "../policy-evaluate";
import { normalizeMethod } from "../simulate/method";
import { planPreflight } from "../simulate/preflight-request";
import type { SimulateRequest } from "../simulate/types";
import type { CompiledPolicy, EvaluateReasonCode } from "../types";
import type { PredictOptions } from "./predict-browser-verdict";

export interface PolicyReason {
  readonly code: EvaluateReasonCode;
  readonly message: string;
  /** Which request the policy refused. */
  readonly stage: "preflight" | "actual";
}

/**
 * The reason the policy refuses the preflight (when the browser sends one)
 * or else the actual request; null when the policy allows both (a browser
 * may still block, e.g. credentials against a policy without them), or when
 * fetch() would refuse the request before sending it.
 */
export function policyRejection(policy: CompiledPolicy, request: SimulateRequest, options: PredictOptions = {}): PolicyReason | null {
  const evaluateOptions = options.now === undefined ? {} : { now: options.now };
  let plan;
  try {
    plan = planPreflight(request);
  } catch {
    return null;
  }
  if (plan.request) {
    const h = plan.request.headers;
    const preflight = evaluateRequest(
      policy,
      { method: "OPTIONS", origin: h.Origin ?? null, accessControlRequestMethod: h["Access-Control-Request-Method"] ?? null, accessControlRequestHeaders: h["Access-Control-Request-Headers"] ?? null },
      evaluateOptions,
    );
    if (!preflight.allowed) return { ...preflight.reason, stage: "preflight" };
  }
  const actual = evaluateRequest(policy, { method: normalizeMethod(request.method), origin: request.origin }, evaluateOptions);
  return actual.allowed ? null : { ...actual.reason, stage: "actual" };
}
