import { z } from "zod";
import { checkRequestUrl } from "@/lib/cors/request-target";

/** What a webhook can be told about. `webhook.test` is sent by "Send test" only. */
export const WEBHOOK_EVENTS = [
  "change-request.opened",
  "change-request.approved",
  "change-request.rejected",
  "change-request.withdrawn",
  "version.published",
  "version.rolled-back",
  "saved-check.failing",
  "saved-check.passing",
  "migration-check.finished",
] as const;
export const webhookEventSchema = z.enum(WEBHOOK_EVENTS, { error: `Use one of: ${WEBHOOK_EVENTS.join(", ")}.` });
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  "change-request.opened": "Change request opened",
  "change-request.approved": "Change request approved",
  "change-request.rejected": "Change request rejected",
  "change-request.withdrawn": "Change request withdrawn",
  "version.published": "Version published",
  "version.rolled-back": "Version rolled back",
  "saved-check.failing": "Saved check started failing",
  "saved-check.passing": "Saved check passing again",
  "migration-check.finished": "Migration check finished",
};

export const webhookFormatSchema = z.enum(["json", "slack"], { error: "Use json or slack." });

const nameField = z.string({ error: "Enter a name." }).trim().min(1, { error: "Enter a name." }).max(100, { error: "Use a name of at most 100 characters." });
const urlField = z
  .string({ error: "Enter the URL to POST to." })
  .trim()
  .max(2000, { error: "Use a URL of at most 2000 characters." })
  // The request-target rule the webhook's sender (the probe's SSRF guard) applies again before each delivery.
  .refine((v) => checkRequestUrl(v).ok, { error: "Use an absolute http:// or https:// URL without user name or password, e.g. https://hooks.example.com/corsboard." });
const eventsField = z.array(webhookEventSchema).min(1, { error: "Choose at least one event." }).max(WEBHOOK_EVENTS.length);
const secretField = z.string().min(16, { error: "Use a secret of at least 16 characters (or leave it empty to have one generated)." }).max(200, { error: "Use a secret of at most 200 characters." });

export const createWebhookRequestSchema = z.strictObject({
  name: nameField,
  url: urlField,
  events: eventsField,
  format: webhookFormatSchema.default("json"),
  /** Leave out to have one generated (shown once in the answer). */
  secret: secretField.optional(),
});
export type CreateWebhookRequest = z.infer<typeof createWebhookRequestSchema>;

export const updateWebhookRequestSchema = z.strictObject({
  name: nameField.optional(),
  url: urlField.optional(),
  events: eventsField.optional(),
  format: webhookFormatSchema.optional(),
  enabled: z.boolean().optional(),
  /** A new signing secret. */
  secret: secretField.optional(),
});
export type UpdateWebhookRequest = z.infer<typeof updateWebhookRequestSchema>;

export const webhookSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  events: z.array(webhookEventSchema),
  format: webhookFormatSchema,
  enabled: z.boolean(),
  /** The secret's last 4 characters, to tell secrets apart; the secret itself is never sent back. */
  secretHint: z.string(),
  createdAt: z.iso.datetime(),
  /** The latest delivery's outcome, if any. */
  lastDelivery: z.object({ status: z.string(), responseStatus: z.number().int().nullable(), at: z.iso.datetime() }).nullable(),
});
export type Webhook = z.infer<typeof webhookSchema>;

/** The answer to a create: the webhook, and its secret (shown this once). */
export const createdWebhookSchema = z.object({ webhook: webhookSchema, secret: z.string() });

export const webhookDeliverySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  event: z.string(),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  lastAttemptAt: z.iso.datetime().nullable(),
  nextAttemptAt: z.iso.datetime().nullable(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookParamsSchema = z.object({ id: z.string().min(1).max(100) });
export const webhookDeliveriesSchema = z.object({ deliveries: z.array(webhookDeliverySchema) });
