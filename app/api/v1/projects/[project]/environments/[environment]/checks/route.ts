import { api } from "@/lib/api/routes";
import { defineRoute, json } from "@/lib/server/http/route";
import { listSavedChecks } from "@/lib/server/saved-checks/list-saved-checks";
import { createSavedCheck } from "@/lib/server/saved-checks/create-saved-check";

/** Viewers get credential header values masked; editors (who run and edit checks) see them. */
export const GET = defineRoute(api["GET /api/v1/projects/{project}/environments/{environment}/checks"], async ({ actor, params }) =>
  listSavedChecks(params.project, params.environment, { maskSecrets: actor.role === "viewer" }),
);

/** 201 with the check; 422 naming each bad field, or `too_many_checks` past 50. */
export const POST = defineRoute(
  api["POST /api/v1/projects/{project}/environments/{environment}/checks"],
  async ({ actor, params, body }) => json(await createSavedCheck(actor, params.project, params.environment, body), 201),
);
