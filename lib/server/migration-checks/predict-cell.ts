import { compilePolicy, predictBrowserVerdict, type CompiledPolicy } from "@/lib/cors";
import { judgeSimulatedEngines } from "@/lib/cors/engine-requirement";
import { DEFAULT_ENGINE, type Engine } from "@/lib/cors/simulate";
import type { PolicyContent } from "@/lib/api/schemas/policy";
import type { Prediction } from "@/lib/api/schemas/migration-check";
import { toPolicyInput } from "@/lib/server/policies/policy-input";
import type { ShapeRequest } from "./shapes";

/** A stored policy compiled once per check; null when there is none or it does not compile (nothing to predict from). */
export function compileContent(content: PolicyContent | null): CompiledPolicy | null {
  if (!content) return null;
  const compiled = compilePolicy(toPolicyInput(content));
  return compiled.ok ? compiled.policy : null;
}

/** What a service running `policy` would make the browser decide for this request (lib/cors: evaluate + simulator). */
export function predictCell(policy: CompiledPolicy | null, request: ShapeRequest & { url: string; origin: string }, now: Date, engines: readonly Engine[] = [DEFAULT_ENGINE]): Prediction {
  if (!policy) return null;
  const perEngine = engines.map((engine) => ({ engine, ...predictBrowserVerdict(policy, request, { now, engine }) }));
  // The strictest verdict: allowed only when every required engine allows it.
  const judged = judgeSimulatedEngines("allowed", perEngine);
  const shown = perEngine.find((p) => p.engine === judged.failed?.engine) ?? perEngine[0];
  if (shown === undefined) return null;
  return {
    verdict: shown.verdict,
    failure: shown.failure ? { rule: shown.failure.rule, message: shown.failure.message, fix: shown.failure.fix } : null,
    ...(engines.length > 1 || engines[0] !== DEFAULT_ENGINE ? { engines: judged.engines.map((e) => ({ ...e })) } : {}),
  };
}
