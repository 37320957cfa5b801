import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { getProject } from "@/lib/server/projects/get-project";
import { updateProject } from "@/lib/server/projects/update-project";

export const GET = defineRoute(api["GET /api/v1/projects/{project}"], async ({ params }) => ({
  project: await getProject(params.project),
}));

/** Rename, describe, archive or unarchive. */
export const PATCH = defineRoute(
  api["PATCH /api/v1/projects/{project}"],
  async ({ actor, params, body }) => ({ project: await updateProject(actor, params.project, body) }),
);
