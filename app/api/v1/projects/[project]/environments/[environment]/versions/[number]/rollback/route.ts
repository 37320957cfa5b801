import { api } from "@/lib/api/routes";
import { defineRoute, json } from "@/lib/server/http/route";
import { rollbackPreview } from "@/lib/server/publishing/rollback-preview";
import { rollbackVersion } from "@/lib/server/publishing/rollback-version";
import { brokenChecksBeforeRollback } from "@/lib/server/saved-checks/broken-checks";

/** Publish this version's content again as a new version (protected: a change request). */
export const POST = defineRoute(
  api["POST /api/v1/projects/{project}/environments/{environment}/versions/{number}/rollback"],
  async ({ actor, params, body }) => {
    // Saved checks the rollback breaks, predicted before the old content goes live again:
    // reported like a publish's, never refused.
    const brokenChecks = await brokenChecksBeforeRollback(params.project, params.environment, params.number);
    const result = await rollbackVersion(actor, params.project, params.environment, params.number, body);
    return json({ ...result, brokenChecks }, result.kind === "published" ? 201 : 202);
  },
);

/** Preview: the diff from the live version to this version's content, shown before confirming a rollback. */
export const GET = defineRoute(api["GET /api/v1/projects/{project}/environments/{environment}/versions/{number}/rollback"], async ({ params }) =>
  rollbackPreview(params.project, params.environment, params.number),
);
