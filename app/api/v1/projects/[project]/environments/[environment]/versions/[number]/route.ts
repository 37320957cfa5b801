import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { getVersion } from "@/lib/server/publishing/get-version";

export const GET = defineRoute(api["GET /api/v1/projects/{project}/environments/{environment}/versions/{number}"], async ({ params }) =>
  getVersion(params.project, params.environment, params.number),
);
