import { compilePolicy, predictBrowserVerdict, type CompiledPolicy } from "@/lib/cors";
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
export function predictCell(policy: CompiledPolicy | null, request: ShapeRequest & { url: string; origin: string }, now: Date): Prediction {
  if (!policy) return null;
  const predicted = predictBrowserVerdict(policy, request, { now });
  return { verdict: predicted.verdict, failure: predicted.failure ? { rule: predicted.failure.rule, message: predicted.failure.message, fix: predicted.failure.fix } : null };
}
