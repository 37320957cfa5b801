import { webhookParamsSchema } from "@/lib/api/schemas/webhook";
import { actorLabel } from "@/lib/server/auth/actor";
import { defineRoute } from "@/lib/server/http/route";
import { sendTestNotification } from "@/lib/server/webhooks/manage-webhooks";

export const POST = defineRoute({ auth: { role: "admin" }, params: webhookParamsSchema }, async ({ actor, params }) => ({
  delivery: await sendTestNotification(params.id, actorLabel(actor)),
}));
