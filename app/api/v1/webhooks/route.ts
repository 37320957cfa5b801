import { createWebhookRequestSchema } from "@/lib/api/schemas/webhook";
import { defineRoute, json } from "@/lib/server/http/route";
import { createWebhook, listWebhooks } from "@/lib/server/webhooks/manage-webhooks";

export const GET = defineRoute({ auth: { role: "admin" } }, async () => ({ webhooks: await listWebhooks() }));

export const POST = defineRoute({ auth: { role: "admin" }, body: createWebhookRequestSchema, maxBodyBytes: 16 * 1024 }, async ({ actor, body }) =>
  json(await createWebhook(actor, body), 201),
);
