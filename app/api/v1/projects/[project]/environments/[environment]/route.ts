import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { updateEnvironment } from "@/lib/server/environments/update-environment";

/** Rename, set base URLs; changing `protected` needs an admin (checked by the operation). */
export const PATCH = defineRoute(
  api["PATCH /api/v1/projects/{project}/environments/{environment}"],
  async ({ actor, params, body }) => ({ environment: await updateEnvironment(actor, params.project, params.environment, body) }),
);
