import { api } from "@/lib/api/routes";
import { defineRoute, json } from "@/lib/server/http/route";
import { createEnvironment } from "@/lib/server/environments/create-environment";

export const POST = defineRoute(
  api["POST /api/v1/projects/{project}/environments"],
  async ({ actor, params, body }) => json({ environment: await createEnvironment(actor, params.project, body) }, 201),
);
