import { observedQuerySchema } from "@/lib/api/schemas/config";
import { environmentParamsSchema } from "@/lib/api/schemas/editing";
import { listObserved } from "@/lib/server/config/list-observed";
import { defineRoute } from "@/lib/server/http/route";

/** Origins the services of this environment saw (reported by the SDK), with allowed/rejected counts. */
export const GET = defineRoute({ auth: { role: "viewer" }, params: environmentParamsSchema, query: observedQuerySchema }, async ({ params, query }) =>
  listObserved(params.project, params.environment, query),
);
