import { projectParamsSchema } from "@/lib/api/schemas/project";
import { defineRoute } from "@/lib/server/http/route";
import { getProject } from "@/lib/server/projects/get-project";

export const GET = defineRoute({ auth: { role: "viewer" }, params: projectParamsSchema }, async ({ params }) => ({
  project: await getProject(params.project),
}));
