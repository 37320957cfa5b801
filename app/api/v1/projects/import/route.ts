import { api } from "@/lib/api/routes";
import { defineRoute, json } from "@/lib/server/http/route";
import { importProject } from "@/lib/server/import-export/import-project";

/** 201 with the new project (mode "create"), 200 after replacing an existing project's drafts. */
export const POST = defineRoute(api["POST /api/v1/projects/import"], async ({ actor, body }) => {
  const { project, created } = await importProject(actor, body);
  return json({ project }, created ? 201 : 200);
});
