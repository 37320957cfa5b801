import { api } from "@/lib/api/routes";
import { listObserved } from "@/lib/server/config/list-observed";
import { defineRoute } from "@/lib/server/http/route";

/** Origins the services of this environment saw (reported by the SDK), with allowed/rejected counts. */
export const GET = defineRoute(api["GET /api/v1/projects/{project}/environments/{environment}/observed"], async ({ params, query }) =>
  listObserved(params.project, params.environment, query),
);
