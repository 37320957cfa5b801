import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/server/db/client";
import { publicUrl } from "@/lib/server/env";
import { logger } from "@/lib/server/logger";
import { AppError } from "@/lib/server/errors";
import type { WebhookEvent } from "@/lib/api/schemas/webhook";
import { postWebhook } from "./post-webhook";
import { SIGNATURE_HEADER, signWebhookBody } from "./sign";
import { resolveWebhookTarget } from "./webhook-target";

/** An event as the code that caused it describes it. */
export interface WebhookEventInput {
  type: WebhookEvent | "webhook.test";
  /** One line for people (the Slack message, the JSON's `summary`). */
  summary: string;
  /** The dashboard page about it, e.g. `/projects/shop/prod/history`. */
  path: string;
  /** Who caused it (an email, "token:<name>"), when someone did. */
  actor?: string | null;
  data: Record<string, unknown>;
}

/** Waits after attempt 1, 2, …: six attempts over about 2.6 hours. */
export const RETRY_DELAYS_MS = [10_000, 60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** A claimed delivery is left alone by other senders this long (then it is due again: its sender died). */
const CLAIM_MS = 60_000;
const CLAIM_BATCH = 20;
/** Every process looks for due deliveries this often (after a restart, or ones another process claimed and dropped). */
const SWEEP_MS = 30_000;

/** The body a webhook receives, in its format. */
export function renderPayload(format: string, event: WebhookEventInput, eventId: string, occurredAt: Date): unknown {
  const url = new URL(event.path, publicUrl()).toString();
  if (format === "slack") {
    // Slack (and Mattermost, Rocket.Chat, Teams' Slack-compatible hooks): `text` is the notification, `blocks` the message.
    const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return {
      text: `${event.summary} ${url}`,
      blocks: [
        { type: "section", text: { type: "mrkdwn", text: `*${escape(event.summary)}*${event.actor ? `\nby ${escape(event.actor)}` : ""}` } },
        { type: "context", elements: [{ type: "mrkdwn", text: `<${url}|Open in Corsboard> · ${event.type}` }] },
      ],
    };
  }
  return { id: eventId, type: event.type, occurredAt: occurredAt.toISOString(), summary: event.summary, actor: event.actor ?? null, url, data: event.data };
}

/**
 * Write one pending delivery per enabled webhook subscribed to the event
 * (or, for "webhook.test", for the one webhook given). The rows are the
 * queue: a restart loses nothing written here.
 */
export async function enqueueWebhookEvent(event: WebhookEventInput, options: { webhookId?: string; now?: Date } = {}): Promise<string[]> {
  const now = options.now ?? new Date();
  const hooks = await prisma.webhook.findMany({
    where: options.webhookId ? { id: options.webhookId } : { enabled: true, events: { has: event.type } },
    select: { id: true, format: true },
  });
  if (hooks.length === 0) return [];
  const eventId = randomUUID();
  const rows = hooks.map((h) => ({ id: randomUUID(), webhookId: h.id, eventId, event: event.type, payload: renderPayload(h.format, event, eventId, now) as never, nextAttemptAt: now, createdAt: now }));
  await prisma.webhookDelivery.createMany({ data: rows });
  return rows.map((r) => r.id);
}

/**
 * Tell the webhooks about something that just happened. Call it after the
 * transaction that made it happen has committed: it returns at once, never
 * throws and never delays or fails the operation; deliveries are written,
 * then sent in the background (and retried with backoff).
 */
export function emitWebhookEvent(event: WebhookEventInput): void {
  void enqueueWebhookEvent(event)
    .then((ids) => (ids.length > 0 ? deliverDue() : 0))
    .catch((error: unknown) => logger().warn({ event: event.type, err: error instanceof Error ? error.message : String(error) }, "webhook event not delivered"));
}

/** Attempt every delivery that is due (claimed first, so concurrent senders never send one twice at once). Returns how many were attempted. */
export async function deliverDue(now = new Date()): Promise<number> {
  const claimed = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE "webhook_delivery" SET "lockedUntil" = ${new Date(now.getTime() + CLAIM_MS)}
    WHERE "id" IN (
      SELECT "id" FROM "webhook_delivery"
      WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now} AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
      ORDER BY "nextAttemptAt" LIMIT ${CLAIM_BATCH}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id"`;
  for (const { id } of claimed) await attemptDelivery(id, now);
  await scheduleNextKick();
  return claimed.length;
}

/** Whether an answer is worth another attempt: network trouble, a timeout, 408, 429 and 5xx. */
const retryable = (status: number | null) => status === null || status === 408 || status === 429 || status >= 500;

/** One attempt of one (claimed) delivery: sign, send through the SSRF guard, record the outcome and the next attempt. */
export async function attemptDelivery(id: string, now = new Date()): Promise<void> {
  const row = await prisma.webhookDelivery.findUnique({ where: { id }, include: { webhook: true } });
  if (!row || row.status !== "pending") return;
  const body = JSON.stringify(row.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  let status: number | null = null;
  let error: string | null = null;
  let permanent = false;
  try {
    const target = await resolveWebhookTarget(row.webhook.url, "url");
    const result = await postWebhook(target, body, {
      "content-type": "application/json",
      "user-agent": "Corsboard-Webhook/1",
      "x-corsboard-event": row.event,
      "x-corsboard-delivery": row.id,
      "x-corsboard-timestamp": String(timestamp),
      [SIGNATURE_HEADER]: signWebhookBody(row.webhook.secret, timestamp, body),
    });
    if (result.ok) status = result.status;
    else error = result.error;
    if (status !== null && (status < 200 || status >= 300)) error = `answered ${status}`;
  } catch (e) {
    // The guard refused the target (private address, bad URL): no retry will change that.
    if (e instanceof AppError) permanent = true;
    error = e instanceof Error ? e.message : String(e);
  }
  const attempts = row.attempts + 1;
  const delivered = status !== null && status >= 200 && status < 300;
  const again = !delivered && !permanent && retryable(status) && attempts < MAX_ATTEMPTS;
  // updateMany: the webhook (and this row) may have been deleted during the attempt.
  await prisma.webhookDelivery.updateMany({
    where: { id },
    data: {
      attempts,
      lastAttemptAt: now,
      responseStatus: status,
      error: delivered ? null : error,
      status: delivered ? "delivered" : again ? "pending" : "failed",
      nextAttemptAt: again ? new Date(now.getTime() + RETRY_DELAYS_MS[attempts - 1]!) : null,
      lockedUntil: null,
    },
  });
}

declare global {
  /** The process's one retry timer and sweep, across Next.js's module copies and dev reloads. */
  var corsboardWebhookKick: { at: number; timer: ReturnType<typeof setTimeout> } | undefined;
  var corsboardWebhookSweep: ReturnType<typeof setInterval> | undefined;
}
const globalForWebhooks = globalThis;

/** One timer per process, set for the earliest pending retry. */
async function scheduleNextKick(): Promise<void> {
  const next = await prisma.webhookDelivery.findFirst({ where: { status: "pending" }, orderBy: { nextAttemptAt: "asc" }, select: { nextAttemptAt: true } });
  if (!next?.nextAttemptAt) return;
  const at = next.nextAttemptAt.getTime();
  const current = globalForWebhooks.corsboardWebhookKick;
  if (current && current.at <= at) return;
  if (current) clearTimeout(current.timer);
  const timer = setTimeout(() => {
    globalForWebhooks.corsboardWebhookKick = undefined;
    deliverDue().catch((error: unknown) => logger().warn({ err: error instanceof Error ? error.message : String(error) }, "webhook retry failed"));
    // At most one sweep interval ahead (setTimeout overflows past 24.8 days; the sweep covers the rest).
  }, Math.min(Math.max(0, at - Date.now()) + 50, SWEEP_MS));
  timer.unref?.();
  globalForWebhooks.corsboardWebhookKick = { at, timer };
}

/** At startup: send what is due (deliveries left by a previous run) and look again every 30 s. */
export function startWebhookWorker(): void {
  if (globalForWebhooks.corsboardWebhookSweep) return;
  const sweep = () => void deliverDue().catch((error: unknown) => logger().warn({ err: error instanceof Error ? error.message : String(error) }, "webhook sweep failed"));
  globalForWebhooks.corsboardWebhookSweep = setInterval(sweep, SWEEP_MS);
  globalForWebhooks.corsboardWebhookSweep.unref?.();
  sweep();
}

/** Send test: one delivery of a "webhook.test" event to this webhook, attempted now; returns its id. */
export async function sendTestDelivery(webhookId: string, actor: string): Promise<string> {
  const [id] = await enqueueWebhookEvent(
    { type: "webhook.test", summary: "Test notification from Corsboard: this webhook works.", path: "/settings/webhooks", actor, data: {} },
    { webhookId },
  );
  if (!id) throw new AppError(404, "not_found", "The webhook was not found.");
  await prisma.webhookDelivery.update({ where: { id }, data: { lockedUntil: new Date(Date.now() + CLAIM_MS) } });
  await attemptDelivery(id);
  await scheduleNextKick();
  return id;
}
