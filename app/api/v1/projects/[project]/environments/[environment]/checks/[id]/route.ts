import { savedCheckParamsSchema, updateSavedCheckRequestSchema } from "@/lib/api/schemas/saved-check";
import { defineRoute } from "@/lib/server/http/route";
import { deleteSavedCheck } from "@/lib/server/saved-checks/delete-saved-check";
import { updateSavedCheck } from "@/lib/server/saved-checks/update-saved-check";

export const PATCH = defineRoute(
  { auth: { role: "editor" }, params: savedCheckParamsSchema, body: updateSavedCheckRequestSchema, maxBodyBytes: 64 * 1024 },
  async ({ actor, params, body }) => updateSavedCheck(actor, params.project, params.environment, params.id, body),
);

export const DELETE = defineRoute({ auth: { role: "editor" }, params: savedCheckParamsSchema }, async ({ actor, params }) => {
  await deleteSavedCheck(actor, params.project, params.environment, params.id);
  return new Response(null, { status: 204 });
});
