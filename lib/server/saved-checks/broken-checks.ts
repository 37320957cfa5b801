import { prisma } from "@/lib/server/db/client";
import type { BrokenCheck, SavedCheckPredictions } from "@/lib/api/schemas/saved-check";
import { AppError } from "@/lib/server/errors";
import { logger } from "@/lib/server/logger";
import { predictChecksForContent, predictSavedChecks } from "./predict-saved-checks";
import { policyContentFromColumn } from "@/lib/server/policies/policy-content-column";

/** The checks a prediction says would break, with the reason in one sentence. */
export function brokenChecksOf(predictions: Pick<SavedCheckPredictions, "predictions">): BrokenCheck[] {
  return predictions.predictions
    .filter((p) => p.impact === "breaks")
    .map((p) => ({
      id: p.id,
      name: p.name,
      origin: p.origin,
      method: p.method,
      url: p.url,
      expect: p.expect,
      engines: p.engines,
      preflightOnly: p.preflightOnly,
      reason:
        p.draft.verdict === "allowed"
          ? `The browser would let ${p.origin} read the response; the check expects it to stay out.`
          : (failingEngineWhy(p) ?? p.draft.policyReason?.message ?? p.draft.failure?.message ?? "The browser would block it."),
    }));
}

/** When a check must pass in several engines and one would fail it for an engine rule: that engine and why. */
function failingEngineWhy(p: SavedCheckPredictions["predictions"][number]): string | null {
  if (p.engines.length < 2) return null;
  const failed = p.draft.engines.find((e) => !e.passed);
  return failed?.rule && failed.why ? failed.why : null;
}

/**
 * The saved checks publishing the draft at `revision` would break, predicted
 * just before the publish (afterwards the draft is live and nothing differs).
 * Informational: a prediction that fails or is about another revision (the
 * draft moved; the publish itself answers 409 then) gives [] and never
 * fails the publish.
 */
export async function brokenChecksBeforePublish(projectSlug: string, environmentSlug: string, revision: number): Promise<BrokenCheck[]> {
  return informational({ project: projectSlug, environment: environmentSlug, before: "publish" }, async () => {
    const predictions = await predictSavedChecks(projectSlug, environmentSlug);
    return predictions.draftRevision === revision ? brokenChecksOf(predictions) : [];
  });
}

/**
 * The saved checks approving change request `id` would break (its content
 * goes live with the approval), predicted just before it. Same rules as
 * before a publish: reported, never refused; an unknown or closed request
 * gives [] (the approval itself answers 404/409 then).
 */
export async function brokenChecksBeforeApproval(changeRequestId: string): Promise<BrokenCheck[]> {
  return informational({ changeRequest: changeRequestId, before: "approval" }, async () => {
    const cr = await prisma.changeRequest.findUnique({ where: { id: changeRequestId }, select: { environmentId: true, content: true, status: true } });
    if (!cr || cr.status !== "open") return [];
    return brokenChecksOf(await predictChecksForContent(cr.environmentId, policyContentFromColumn(cr.content)));
  });
}

/**
 * The saved checks rolling back to version `number` would break (its content
 * goes live again, or is proposed in a change request on a protected
 * environment), predicted just before. Reported, never refused; an unknown
 * version gives [] (the rollback itself answers 404).
 */
export async function brokenChecksBeforeRollback(projectSlug: string, environmentSlug: string, number: number): Promise<BrokenCheck[]> {
  return informational({ project: projectSlug, environment: environmentSlug, version: number, before: "rollback" }, async () =>
    brokenChecksOf(await predictSavedChecks(projectSlug, environmentSlug, { kind: "version", number })),
  );
}

/**
 * A prediction is a warning: when it fails the change goes ahead with none.
 * A 4xx (unknown version or environment) is the operation's own answer a
 * moment later, so only unexpected failures are logged.
 */
async function informational(context: Record<string, unknown>, predict: () => Promise<BrokenCheck[]>): Promise<BrokenCheck[]> {
  try {
    return await predict();
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return [];
    logger().warn({ ...context, err: error instanceof Error ? error.message : String(error) }, "saved-check prediction before a policy goes live failed");
    return [];
  }
}
