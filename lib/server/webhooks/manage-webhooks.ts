import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/server/db/client";
import type { Actor } from "@/lib/server/auth/actor";
import type { CreateWebhookRequest, UpdateWebhookRequest, Webhook, WebhookDelivery } from "@/lib/api/schemas/webhook";
import { AppError, notFound } from "@/lib/server/errors";
import { resolveWebhookTarget } from "./webhook-target";
import { sendTestDelivery } from "./deliver-webhooks";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { toDeliveryDto, toWebhookDto, type WebhookRow } from "./webhook-dto";

/**
 * Refuse at once a URL the SSRF guard would refuse at delivery (a private
 * address without CORSBOARD_PROBE_ALLOW_PRIVATE): 422 on body.url. A name
 * that doesn't resolve yet is accepted (deliveries will say so).
 */
async function assertAllowedTarget(url: string): Promise<void> {
  try {
    await resolveWebhookTarget(url, "body.url");
  } catch (error) {
    if (error instanceof AppError) throw error;
  }
}

/** How many deliveries the log shows per webhook. */
const DELIVERY_LOG_SIZE = 50;

/** The audit entry's view of a webhook: never its secret. */
const audited = (w: WebhookRow) => ({ name: w.name, url: w.url, events: w.events, format: w.format, enabled: w.enabled });

export async function listWebhooks(): Promise<Webhook[]> {
  const rows = await prisma.webhook.findMany({ orderBy: { createdAt: "asc" }, include: { deliveries: { orderBy: { createdAt: "desc" }, take: 1 } } });
  return rows.map((r) => toWebhookDto(r, r.deliveries[0] ?? null));
}

/** An admin adds a webhook; without a secret one is generated. The secret is in this answer only. Audited. */
export async function createWebhook(actor: Actor, input: CreateWebhookRequest): Promise<{ webhook: Webhook; secret: string }> {
  await assertAllowedTarget(input.url);
  const secret = input.secret ?? `whsec_${randomBytes(24).toString("base64url")}`;
  return prisma.$transaction(async (tx) => {
    const row = await tx.webhook.create({ data: { name: input.name, url: input.url, events: input.events, format: input.format, secret } });
    await recordAudit(tx, actor, { action: "webhook.create", targetType: "webhook", targetId: row.id, after: audited(row) });
    return { webhook: toWebhookDto(row), secret };
  });
}

export async function updateWebhook(actor: Actor, id: string, input: UpdateWebhookRequest): Promise<Webhook> {
  if (input.url) await assertAllowedTarget(input.url);
  return prisma.$transaction(async (tx) => {
    const before = await tx.webhook.findUnique({ where: { id } });
    if (!before) throw notFound("The webhook");
    const row = await tx.webhook.update({ where: { id }, data: input });
    await recordAudit(tx, actor, { action: "webhook.update", targetType: "webhook", targetId: id, before: audited(before), after: { ...audited(row), ...(input.secret ? { secretChanged: true } : {}) } });
    return toWebhookDto(row);
  });
}

/** Deletes the webhook and its delivery log (pending deliveries are dropped). Audited. */
export async function deleteWebhook(actor: Actor, id: string): Promise<Webhook> {
  return prisma.$transaction(async (tx) => {
    const before = await tx.webhook.findUnique({ where: { id } });
    if (!before) throw notFound("The webhook");
    await tx.webhook.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "webhook.delete", targetType: "webhook", targetId: id, before: audited(before) });
    return toWebhookDto(before);
  });
}

/** The webhook's latest deliveries, newest first. */
export async function listDeliveries(id: string): Promise<WebhookDelivery[]> {
  const exists = await prisma.webhook.count({ where: { id } });
  if (!exists) throw notFound("The webhook");
  const rows = await prisma.webhookDelivery.findMany({ where: { webhookId: id }, orderBy: { createdAt: "desc" }, take: DELIVERY_LOG_SIZE });
  return rows.map(toDeliveryDto);
}

/** "Send test": a webhook.test delivery, attempted now; its outcome (status, response code) is the answer. */
export async function sendTestNotification(id: string, actor: string): Promise<WebhookDelivery> {
  if (!(await prisma.webhook.count({ where: { id } }))) throw notFound("The webhook");
  const deliveryId = await sendTestDelivery(id, actor);
  const row = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
  return toDeliveryDto(row);
}
