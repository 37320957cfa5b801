import { updateWebhookRequestSchema, webhookParamsSchema } from "@/lib/api/schemas/webhook";
import { defineRoute } from "@/lib/server/http/route";
import { deleteWebhook, updateWebhook } from "@/lib/server/webhooks/manage-webhooks";

export const PATCH = defineRoute({ auth: { role: "admin" }, params: webhookParamsSchema, body: updateWebhookRequestSchema, maxBodyBytes: 16 * 1024 }, async ({ actor, params, body }) => ({
  webhook: await updateWebhook(actor, params.id, body),
}));

export const DELETE = defineRoute({ auth: { role: "admin" }, params: webhookParamsSchema }, async ({ actor, params }) => ({ webhook: await deleteWebhook(actor, params.id) }));
