import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { promoteOrigins } from "@/lib/server/compare/promote-origins";

/** Copy chosen origins of another environment into this environment's draft. */
export const POST = defineRoute(
  api["POST /api/v1/projects/{project}/environments/{environment}/promote"],
  async ({ actor, params, body }) => promoteOrigins(actor, params.project, params.environment, body),
);
