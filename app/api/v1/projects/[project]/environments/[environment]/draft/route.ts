import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { getDraft } from "@/lib/server/drafts/get-draft";
import { saveDraft } from "@/lib/server/drafts/save-draft";

export const GET = defineRoute(api["GET /api/v1/projects/{project}/environments/{environment}/draft"], async ({ params }) =>
  getDraft(params.project, params.environment),
);

/** Save the whole draft; 409 `stale_revision` (with `current`) when someone saved in between. */
export const PUT = defineRoute(
  api["PUT /api/v1/projects/{project}/environments/{environment}/draft"],
  async ({ actor, params, body }) => saveDraft(actor, params.project, params.environment, body),
);
