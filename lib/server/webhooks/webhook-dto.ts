import type { Webhook, WebhookDelivery } from "@/lib/api/schemas/webhook";
import { webhookEventSchema, webhookFormatSchema, webhookDeliverySchema } from "@/lib/api/schemas/webhook";

export interface WebhookRow {
  id: string;
  name: string;
  url: string;
  events: string[];
  secret: string;
  format: string;
  enabled: boolean;
  createdAt: Date;
}

export interface DeliveryRow {
  id: string;
  eventId: string;
  event: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  error: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
}

export function toWebhookDto(row: WebhookRow, last: DeliveryRow | null = null): Webhook {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    events: row.events.flatMap((e) => {
      const parsed = webhookEventSchema.safeParse(e);
      return parsed.success ? [parsed.data] : [];
    }),
    format: webhookFormatSchema.catch("json").parse(row.format),
    enabled: row.enabled,
    secretHint: `…${row.secret.slice(-4)}`,
    createdAt: row.createdAt.toISOString(),
    lastDelivery: last ? { status: last.status, responseStatus: last.responseStatus, at: (last.lastAttemptAt ?? last.createdAt).toISOString() } : null,
  };
}

export function toDeliveryDto(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    eventId: row.eventId,
    event: row.event,
    status: webhookDeliverySchema.shape.status.catch("pending").parse(row.status),
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: row.status === "pending" ? (row.nextAttemptAt?.toISOString() ?? null) : null,
  };
}
