import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { runSavedChecks } from "@/lib/server/saved-checks/run-saved-checks";

/** Probe one saved check now (one probe token of the caller's rate limit). */
export const POST = defineRoute(api["POST /api/v1/projects/{project}/environments/{environment}/checks/{id}/run"], async ({ actor, params }) =>
  runSavedChecks(actor, params.project, params.environment, params.id),
);
