import { actorLabel } from "@/lib/server/auth/actor";
import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { sendTestNotification } from "@/lib/server/webhooks/manage-webhooks";

export const POST = defineRoute(api["POST /api/v1/webhooks/{id}/test"], async ({ actor, params }) => ({
  delivery: await sendTestNotification(params.id, actorLabel(actor)),
}));
