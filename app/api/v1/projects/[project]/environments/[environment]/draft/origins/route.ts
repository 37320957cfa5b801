import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { addOrigins } from "@/lib/server/drafts/add-origins";

/** Add origins (merged with concurrent edits, no revision; duplicates skipped). */
export const POST = defineRoute(
  api["POST /api/v1/projects/{project}/environments/{environment}/draft/origins"],
  async ({ actor, params, body }) => addOrigins(actor, params.project, params.environment, body),
);
