import { environmentParamsSchema } from "@/lib/api/schemas/editing";
import { defineRoute } from "@/lib/server/http/route";
import { listVersions } from "@/lib/server/publishing/list-versions";

export const GET = defineRoute({ auth: { role: "viewer" }, params: environmentParamsSchema }, async ({ params }) => ({
  versions: await listVersions(params.project, params.environment),
}));
