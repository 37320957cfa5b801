import { api } from "@/lib/api/routes";
import { listConsumers } from "@/lib/server/config/list-consumers";
import { defineRoute } from "@/lib/server/http/route";

/** Services reading this environment's config, with the version each got and whether it is the latest. */
export const GET = defineRoute(api["GET /api/v1/projects/{project}/environments/{environment}/consumers"], async ({ params }) =>
  listConsumers(params.project, params.environment),
);
