import { environmentParamsSchema } from "@/lib/api/schemas/editing";
import { defineRoute } from "@/lib/server/http/route";
import { predictSavedChecks } from "@/lib/server/saved-checks/predict-saved-checks";

/** Each saved check predicted against the live version and the saved draft (nothing is sent). */
export const GET = defineRoute({ auth: { role: "viewer" }, params: environmentParamsSchema }, async ({ params }) =>
  predictSavedChecks(params.project, params.environment),
);
