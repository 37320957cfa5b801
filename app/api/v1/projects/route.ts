import { api } from "@/lib/api/routes";
import { defineRoute, json } from "@/lib/server/http/route";
import { createProject } from "@/lib/server/projects/create-project";
import { listProjects } from "@/lib/server/projects/list-projects";

export const GET = defineRoute(api["GET /api/v1/projects"], async ({ query }) => ({
  projects: await listProjects({ includeArchived: query.archived === "include" }),
}));

export const POST = defineRoute(api["POST /api/v1/projects"], async ({ actor, body }) =>
  json({ project: await createProject(actor, body) }, 201),
);
