import { updateProjectRequestSchema } from "@/lib/api/schemas/editing";
import { projectParamsSchema } from "@/lib/api/schemas/project";
import { defineRoute } from "@/lib/server/http/route";
import { getProject } from "@/lib/server/projects/get-project";
import { updateProject } from "@/lib/server/projects/update-project";

export const GET = defineRoute({ auth: { role: "viewer" }, params: projectParamsSchema }, async ({ params }) => ({
  project: await getProject(params.project),
}));

/** Rename, describe, archive or unarchive. */
export const PATCH = defineRoute(
  { auth: { role: "editor" }, params: projectParamsSchema, body: updateProjectRequestSchema, maxBodyBytes: 16 * 1024 },
  async ({ actor, params, body }) => ({ project: await updateProject(actor, params.project, body) }),
);
