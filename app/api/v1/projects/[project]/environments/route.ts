import { createEnvironmentRequestSchema } from "@/lib/api/schemas/editing";
import { projectParamsSchema } from "@/lib/api/schemas/project";
import { defineRoute, json } from "@/lib/server/http/route";
import { createEnvironment } from "@/lib/server/environments/create-environment";

export const POST = defineRoute(
  { auth: { role: "editor" }, params: projectParamsSchema, body: createEnvironmentRequestSchema, maxBodyBytes: 64 * 1024 },
  async ({ actor, params, body }) => json({ environment: await createEnvironment(actor, params.project, body) }, 201),
);
