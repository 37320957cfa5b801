import { webhookParamsSchema } from "@/lib/api/schemas/webhook";
import { defineRoute } from "@/lib/server/http/route";
import { listDeliveries } from "@/lib/server/webhooks/manage-webhooks";

export const GET = defineRoute({ auth: { role: "admin" }, params: webhookParamsSchema }, async ({ params }) => ({ deliveries: await listDeliveries(params.id) }));
