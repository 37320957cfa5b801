import { environmentParamsSchema } from "@/lib/api/schemas/editing";
import { defineRoute } from "@/lib/server/http/route";
import { runSavedChecks } from "@/lib/server/saved-checks/run-saved-checks";

/** Probe every saved check now (one batch token); API tokens are recorded as trigger "api" (CI, `npm run check -- --server …`). */
export const POST = defineRoute({ auth: { role: "editor" }, params: environmentParamsSchema }, async ({ actor, params }) =>
  runSavedChecks(actor, params.project, params.environment),
);
