import { environmentParamsSchema } from "@/lib/api/schemas/editing";
import { createSavedCheckRequestSchema } from "@/lib/api/schemas/saved-check";
import { defineRoute, json } from "@/lib/server/http/route";
import { listSavedChecks } from "@/lib/server/saved-checks/list-saved-checks";
import { createSavedCheck } from "@/lib/server/saved-checks/create-saved-check";

/** Viewers get credential header values masked; editors (who run and edit checks) see them. */
export const GET = defineRoute({ auth: { role: "viewer" }, params: environmentParamsSchema }, async ({ actor, params }) =>
  listSavedChecks(params.project, params.environment, { maskSecrets: actor.role === "viewer" }),
);

/** 201 with the check; 422 naming each bad field, or `too_many_checks` past 50. */
export const POST = defineRoute(
  { auth: { role: "editor" }, params: environmentParamsSchema, body: createSavedCheckRequestSchema, maxBodyBytes: 64 * 1024 },
  async ({ actor, params, body }) => json(await createSavedCheck(actor, params.project, params.environment, body), 201),
);
