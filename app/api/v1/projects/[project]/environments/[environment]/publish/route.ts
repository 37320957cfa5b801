import { api } from "@/lib/api/routes";
import { defineRoute, json } from "@/lib/server/http/route";
import { publishDraft } from "@/lib/server/publishing/publish-draft";
import { brokenChecksBeforePublish } from "@/lib/server/saved-checks/broken-checks";

/** 201 with the new version; 202 with a change request for protected environments. */
export const POST = defineRoute(
  api["POST /api/v1/projects/{project}/environments/{environment}/publish"],
  async ({ actor, params, body }) => {
    // Saved checks the publish breaks, predicted before it goes live: reported, never refused
    // (API clients publish on purpose; the dashboard asks for confirmation before sending).
    const brokenChecks = await brokenChecksBeforePublish(params.project, params.environment, body.revision);
    const result = await publishDraft(actor, params.project, params.environment, body);
    return json({ ...result, brokenChecks }, result.kind === "published" ? 201 : 202);
  },
);
