import { prisma } from "@/lib/server/db/client";
import { checkImpact, compilePolicy, policyRejection, predictBrowserVerdict, type CompiledPolicy } from "@/lib/cors";
import type { PolicyContent } from "@/lib/api/schemas/policy";
import type { PredictedCheckVerdict, SavedCheckPredictions } from "@/lib/api/schemas/saved-check";
import { findEnvironment } from "@/lib/server/environments/find-environment";
import { readDraftState } from "@/lib/server/drafts/get-draft";
import { toPolicyInput } from "@/lib/server/policies/policy-input";
import { liveVersion } from "@/lib/server/publishing/live-version";
import { SAVED_CHECK_ORDER, toSavedCheckDto } from "./saved-check-dto";

function compile(content: PolicyContent): CompiledPolicy | null {
  const compiled = compilePolicy(toPolicyInput(content));
  return compiled.ok ? compiled.policy : null;
}

type CheckRequest = { origin: string; url: string; method: string; headers: Record<string, string>; credentials: "omit" | "include" };

function predict(policy: CompiledPolicy, request: CheckRequest, now: number): PredictedCheckVerdict {
  try {
    const p = predictBrowserVerdict(policy, request, { now });
    return { verdict: p.verdict, stage: p.stage, failure: p.failure, policyReason: p.verdict === "blocked" ? policyRejection(policy, request, { now }) : null };
  } catch (error) {
    // fetch() itself would throw (an invalid header name or value): nothing is sent.
    const message = error instanceof Error ? error.message : String(error);
    return { verdict: "blocked", stage: "preflight", failure: { rule: "invalid-request", message, fix: "Correct the check's headers: fetch() refuses this request before sending it." }, policyReason: null };
  }
}

/**
 * What each saved check will do once the draft is live, next to what it does
 * with the live version: predicted with the core (the headers a service
 * running the policy sends, fed to the browser simulator), so no request is
 * sent. `breaks` counts the checks that meet their expectation now and would
 * not after publishing — the publish dialog asks for confirmation then.
 */
export async function predictSavedChecks(projectSlug: string, environmentSlug: string): Promise<SavedCheckPredictions> {
  const env = await findEnvironment(prisma, projectSlug, environmentSlug);
  const [rows, draft, live] = await Promise.all([
    prisma.savedCheck.findMany({ where: { environmentId: env.id }, orderBy: SAVED_CHECK_ORDER }),
    readDraftState(prisma, env),
    liveVersion(prisma, env.id),
  ]);
  const draftPolicy = compile(draft.content);
  const livePolicy = live ? compile(live.content) : null;
  const now = Date.now();
  const predictions = draftPolicy
    ? rows.map((row) => {
        const check = toSavedCheckDto(row);
        const request: CheckRequest = { origin: check.origin, url: check.url, method: check.method, headers: check.headers, credentials: check.credentials };
        const livePrediction = livePolicy ? predict(livePolicy, request, now) : null;
        const draftPrediction = predict(draftPolicy, request, now);
        return {
          id: check.id,
          name: check.name,
          origin: check.origin,
          method: check.method,
          url: check.url,
          expect: check.expect,
          live: livePrediction,
          draft: draftPrediction,
          impact: checkImpact(check.expect, livePrediction?.verdict ?? null, draftPrediction.verdict),
        };
      })
    : [];
  return {
    liveVersion: live?.number ?? null,
    draftRevision: draft.revision,
    draftValid: draftPolicy !== null,
    predictions,
    breaks: predictions.filter((p) => p.impact === "breaks").length,
  };
}
