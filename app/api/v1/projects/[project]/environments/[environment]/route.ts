import { environmentParamsSchema, updateEnvironmentRequestSchema } from "@/lib/api/schemas/editing";
import { defineRoute } from "@/lib/server/http/route";
import { updateEnvironment } from "@/lib/server/environments/update-environment";

/** Rename, set base URLs; changing `protected` needs an admin (checked by the operation). */
export const PATCH = defineRoute(
  { auth: { role: "editor" }, params: environmentParamsSchema, body: updateEnvironmentRequestSchema, maxBodyBytes: 64 * 1024 },
  async ({ actor, params, body }) => ({ environment: await updateEnvironment(actor, params.project, params.environment, body) }),
);
