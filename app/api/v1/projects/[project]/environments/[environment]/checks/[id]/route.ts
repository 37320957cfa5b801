import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { deleteSavedCheck } from "@/lib/server/saved-checks/delete-saved-check";
import { updateSavedCheck } from "@/lib/server/saved-checks/update-saved-check";

export const PATCH = defineRoute(
  api["PATCH /api/v1/projects/{project}/environments/{environment}/checks/{id}"],
  async ({ actor, params, body }) => updateSavedCheck(actor, params.project, params.environment, params.id, body),
);

export const DELETE = defineRoute(api["DELETE /api/v1/projects/{project}/environments/{environment}/checks/{id}"], async ({ actor, params }) => {
  await deleteSavedCheck(actor, params.project, params.environment, params.id);
  return new Response(null, { status: 204 });
});
