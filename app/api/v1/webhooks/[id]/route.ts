import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { deleteWebhook, updateWebhook } from "@/lib/server/webhooks/manage-webhooks";

export const PATCH = defineRoute(api["PATCH /api/v1/webhooks/{id}"], async ({ actor, params, body }) => ({
  webhook: await updateWebhook(actor, params.id, body),
}));

export const DELETE = defineRoute(api["DELETE /api/v1/webhooks/{id}"], async ({ actor, params }) => ({ webhook: await deleteWebhook(actor, params.id) }));
