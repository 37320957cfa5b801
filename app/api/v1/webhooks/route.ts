import { api } from "@/lib/api/routes";
import { defineRoute, json } from "@/lib/server/http/route";
import { createWebhook, listWebhooks } from "@/lib/server/webhooks/manage-webhooks";

export const GET = defineRoute(api["GET /api/v1/webhooks"], async () => ({ webhooks: await listWebhooks() }));

export const POST = defineRoute(api["POST /api/v1/webhooks"], async ({ actor, body }) =>
  json(await createWebhook(actor, body), 201),
);
