import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { runSavedChecks } from "@/lib/server/saved-checks/run-saved-checks";

/** Probe every saved check now (one batch token); API tokens are recorded as trigger "api" (CI, `npm run check -- --server …`). */
export const POST = defineRoute(api["POST /api/v1/projects/{project}/environments/{environment}/checks/run"], async ({ actor, params }) =>
  runSavedChecks(actor, params.project, params.environment),
);
