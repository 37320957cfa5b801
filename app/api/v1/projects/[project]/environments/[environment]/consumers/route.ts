import { environmentParamsSchema } from "@/lib/api/schemas/editing";
import { listConsumers } from "@/lib/server/config/list-consumers";
import { defineRoute } from "@/lib/server/http/route";

/** Services reading this environment's config, with the version each got and whether it is the latest. */
export const GET = defineRoute({ auth: { role: "viewer" }, params: environmentParamsSchema }, async ({ params }) =>
  listConsumers(params.project, params.environment),
);
