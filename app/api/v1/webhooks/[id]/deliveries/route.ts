import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { listDeliveries } from "@/lib/server/webhooks/manage-webhooks";

export const GET = defineRoute(api["GET /api/v1/webhooks/{id}/deliveries"], async ({ params }) => ({ deliveries: await listDeliveries(params.id) }));
