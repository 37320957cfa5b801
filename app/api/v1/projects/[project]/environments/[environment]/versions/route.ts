import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { listVersions } from "@/lib/server/publishing/list-versions";

export const GET = defineRoute(api["GET /api/v1/projects/{project}/environments/{environment}/versions"], async ({ params }) => ({
  versions: await listVersions(params.project, params.environment),
}));
