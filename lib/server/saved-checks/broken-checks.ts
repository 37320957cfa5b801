import type { BrokenCheck, SavedCheckPredictions } from "@/lib/api/schemas/saved-check";
import { logger } from "@/lib/server/logger";
import { predictSavedChecks } from "./predict-saved-checks";

/** The checks a prediction says would break, with the reason in one sentence. */
export function brokenChecksOf(predictions: SavedCheckPredictions): BrokenCheck[] {
  return predictions.predictions
    .filter((p) => p.impact === "breaks")
    .map((p) => ({
      id: p.id,
      name: p.name,
      origin: p.origin,
      method: p.method,
      url: p.url,
      expect: p.expect,
      preflightOnly: p.preflightOnly,
      reason:
        p.draft.verdict === "allowed"
          ? `The browser would let ${p.origin} read the response; the check expects it to stay out.`
          : (p.draft.policyReason?.message ?? p.draft.failure?.message ?? "The browser would block it."),
    }));
}

/**
 * The saved checks publishing the draft at `revision` would break, predicted
 * just before the publish (afterwards the draft is live and nothing differs).
 * Informational: a prediction that fails or is about another revision (the
 * draft moved; the publish itself answers 409 then) gives [] and never
 * fails the publish.
 */
export async function brokenChecksBeforePublish(projectSlug: string, environmentSlug: string, revision: number): Promise<BrokenCheck[]> {
  try {
    const predictions = await predictSavedChecks(projectSlug, environmentSlug);
    return predictions.draftRevision === revision ? brokenChecksOf(predictions) : [];
  } catch (error) {
    logger().warn({ project: projectSlug, environment: environmentSlug, err: error instanceof Error ? error.message : String(error) }, "saved-check prediction before publish failed");
    return [];
  }
}
