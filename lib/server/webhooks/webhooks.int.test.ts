import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";
import { createActors, failure, type UserActor } from "@/lib/server/test-support/actors";
import { draftRequest } from "@/lib/server/test-support/policy-request";
import { verifyWebhookSignature } from "@/lib/server/webhooks/sign";

/**
 * Issue 15, notifications: webhooks against a local receiver — the signature
 * verifies, a delivery is logged with its status and response code, failed
 * attempts are retried with backoff (deliveries are rows, so nothing lives
 * only in memory), events come from the operations after they commit and
 * never hold them up, Slack's format, and the probe's SSRF guard.
 */

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on loopback: records each request and answers with the next queued status (200 when none). */
function startReceiver() {
  const received: Received[] = [];
  const statuses: number[] = [];
  const waiters: { count: number; done: () => void }[] = [];
  let hold: Promise<void> | null = null;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      for (const w of waiters.filter((w) => received.length >= w.count)) w.done();
      const answer = () => {
        res.statusCode = statuses.shift() ?? 200;
        res.end("ok");
      };
      if (hold) void hold.then(answer);
      else answer();
    });
  });
  return {
    received,
    statuses,
    server,
    /** Until `release` is called, requests are received but not answered. */
    holdAnswers() {
      let release = () => {};
      hold = new Promise((r) => (release = r));
      return () => {
        hold = null;
        release();
      };
    },
    /** Resolves once `count` requests have arrived in total. */
    until(count: number) {
      return new Promise<void>((done) => (received.length >= count ? done() : waiters.push({ count, done })));
    },
    async listen() {
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    },
  };
}

const load = async () => ({
  ...(await import("@/lib/server/projects/create-project")),
  ...(await import("@/lib/server/drafts/save-draft")),
  ...(await import("@/lib/server/publishing/publish-draft")),
  ...(await import("@/lib/server/environments/update-environment")),
  ...(await import("@/lib/server/change-requests/reject-change-request")),
  ...(await import("@/lib/server/webhooks/manage-webhooks")),
  ...(await import("@/lib/server/webhooks/deliver-webhooks")),
  testRoute: (await import("@/app/api/v1/webhooks/[id]/test/route")).POST,
  createRoute: (await import("@/app/api/v1/webhooks/route")).POST,
  ...(await import("@/lib/server/tokens/init-admin-token")),
});

const ADMIN_SECRET = "cb_webhooks-admin-token-0123456789ab";
const SECRET = "receiver-shared-secret-0123";

describe.each(TEST_BACKENDS)("webhooks on %s", (backend) => {
  const t = useTestBackend(backend, load, { env: { CORSBOARD_PROBE_ALLOW_PRIVATE: "1", CORSBOARD_PUBLIC_URL: "https://corsboard.example" } });
  const receiver = startReceiver();
  let url = "";
  let actors: { admin: UserActor; editor: UserActor; editor2: UserActor; viewer: UserActor };
  const db = () => t.app.client.prisma;

  beforeAll(async () => {
    url = await receiver.listen();
    actors = await createActors(db(), `wh-${backend}`);
    await t.m.ensureInitAdminToken(ADMIN_SECRET);
    await t.m.createProject(actors.admin, { slug: "shop", name: "Shop" });
  });
  afterAll(() => new Promise<void>((r) => receiver.server.close(() => r())));

  it("a publish is delivered after it committed, signed, with a dashboard link, and logged; the publish doesn't wait for it", async () => {
    const { webhook } = await t.m.createWebhook(actors.admin, { name: "ops", url, events: ["version.published"], format: "json", secret: SECRET });
    const before = receiver.received.length;
    const release = receiver.holdAnswers();
    const saved = await t.m.saveDraft(actors.editor, "shop", "dev", draftRequest(0, ["https://app.example.com"]));
    const result = await t.m.publishDraft(actors.editor, "shop", "dev", { message: "First", revision: saved.revision });
    expect(result.kind).toBe("published");
    // The publish has returned; the receiver has not answered (maybe not even been called) yet.
    await receiver.until(before + 1);
    release();

    const got = receiver.received[before]!;
    expect(got.headers["x-corsboard-event"]).toBe("version.published");
    expect(verifyWebhookSignature(SECRET, String(got.headers["x-corsboard-signature"]), got.body)).toBe(true);
    expect(verifyWebhookSignature("another-secret-entirely", String(got.headers["x-corsboard-signature"]), got.body)).toBe(false);
    expect(verifyWebhookSignature(SECRET, String(got.headers["x-corsboard-signature"]), got.body.replace("First", "Fir5t"))).toBe(false);
    const payload = JSON.parse(got.body) as Record<string, unknown>;
    expect(payload).toMatchObject({
      type: "version.published",
      url: "https://corsboard.example/projects/shop/dev/history",
      actor: actors.editor.email,
      data: { project: "shop", environment: "dev", version: { number: 1, message: "First" } },
    });
    expect(String(payload.summary)).toContain("shop/dev v1 published");

    await expect.poll(async () => (await t.m.listDeliveries(webhook.id))[0]?.status).toBe("delivered");
    const [logged] = await t.m.listDeliveries(webhook.id);
    expect(logged).toMatchObject({ event: "version.published", status: "delivered", attempts: 1, responseStatus: 200, error: null, nextAttemptAt: null });
    expect(logged!.id).toBe(got.headers["x-corsboard-delivery"]);
    await t.m.deleteWebhook(actors.admin, webhook.id);
  });

  it("failed attempts are retried with backoff until delivered; a 4xx other than 408/429 is not retried", async () => {
    const { webhook } = await t.m.createWebhook(actors.admin, { name: "retry", url, events: ["migration-check.finished"], format: "json", secret: SECRET });
    const event = { type: "migration-check.finished" as const, summary: "s", path: "/migrations/x", data: {} };
    // Far enough ahead that no background timer of this process finds these due.
    const t0 = new Date(Date.now() + 3_600_000);
    const [id] = await t.m.enqueueWebhookEvent(event, { now: t0 });
    receiver.statuses.push(503, 500);
    expect(await t.m.deliverDue(t0)).toBe(1);
    let row = await db().webhookDelivery.findUniqueOrThrow({ where: { id: id! } });
    expect(row).toMatchObject({ status: "pending", attempts: 1, responseStatus: 503, error: "answered 503" });
    expect(row.nextAttemptAt!.getTime()).toBe(t0.getTime() + t.m.RETRY_DELAYS_MS[0]);

    expect(await t.m.deliverDue(new Date(t0.getTime() + 5_000))).toBe(0);
    const t1 = new Date(t0.getTime() + 10_000);
    expect(await t.m.deliverDue(t1)).toBe(1);
    row = await db().webhookDelivery.findUniqueOrThrow({ where: { id: id! } });
    expect(row).toMatchObject({ status: "pending", attempts: 2, responseStatus: 500 });
    expect(row.nextAttemptAt!.getTime()).toBe(t1.getTime() + t.m.RETRY_DELAYS_MS[1]);

    expect(await t.m.deliverDue(new Date(t1.getTime() + t.m.RETRY_DELAYS_MS[1]))).toBe(1);
    row = await db().webhookDelivery.findUniqueOrThrow({ where: { id: id! } });
    expect(row).toMatchObject({ status: "delivered", attempts: 3, responseStatus: 200, error: null, nextAttemptAt: null });

    const [gone] = await t.m.enqueueWebhookEvent(event, { now: t0 });
    receiver.statuses.push(410);
    await t.m.deliverDue(t0);
    expect(await db().webhookDelivery.findUniqueOrThrow({ where: { id: gone! } })).toMatchObject({ status: "failed", attempts: 1, responseStatus: 410, nextAttemptAt: null });

    // Out of attempts after MAX_ATTEMPTS failures.
    const [doomed] = await t.m.enqueueWebhookEvent(event, { now: t0 });
    let at = t0.getTime();
    for (let i = 0; i < t.m.MAX_ATTEMPTS; i++) {
      receiver.statuses.push(500);
      expect(await t.m.deliverDue(new Date(at))).toBe(1);
      at += t.m.RETRY_DELAYS_MS[i] ?? 0;
    }
    expect(await db().webhookDelivery.findUniqueOrThrow({ where: { id: doomed! } })).toMatchObject({ status: "failed", attempts: t.m.MAX_ATTEMPTS, nextAttemptAt: null });
    await t.m.deleteWebhook(actors.admin, webhook.id);
  });

  it("Slack format, send test through the API, and change-request events", async () => {
    const created = await t.m.createRoute(
      new Request("http://localhost:3000/api/v1/webhooks", {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN_SECRET}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "slack", url, events: ["change-request.opened", "change-request.rejected"], format: "slack" }),
      }),
    );
    expect(created.status).toBe(201);
    const { webhook, secret } = (await created.json()) as { webhook: { id: string; secretHint: string }; secret: string };
    expect(secret).toMatch(/^whsec_/);
    expect(webhook.secretHint).toBe(`…${secret.slice(-4)}`);
    expect(JSON.stringify(await t.m.listWebhooks())).not.toContain(secret);

    const before = receiver.received.length;
    const res = await t.m.testRoute(new Request(`http://localhost:3000/api/v1/webhooks/${webhook.id}/test`, { method: "POST", headers: { authorization: `Bearer ${ADMIN_SECRET}` } }), {
      params: Promise.resolve({ id: webhook.id }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { delivery: unknown }).delivery).toMatchObject({ event: "webhook.test", status: "delivered", responseStatus: 200, attempts: 1 });
    const test = JSON.parse(receiver.received[before]!.body) as { text: string; blocks: { type: string }[] };
    expect(test.text).toContain("this webhook works");
    expect(test.blocks.map((b) => b.type)).toEqual(["section", "context"]);
    expect(verifyWebhookSignature(secret, String(receiver.received[before]!.headers["x-corsboard-signature"]), receiver.received[before]!.body)).toBe(true);

    // A publish to a protected environment opens a change request; rejecting it is another event.
    await t.m.updateEnvironment(actors.admin, "shop", "staging", { protected: true });
    const saved = await t.m.saveDraft(actors.editor, "shop", "staging", draftRequest(0, ["https://staging.example.com"]));
    const opened = await t.m.publishDraft(actors.editor, "shop", "staging", { message: "Open please", revision: saved.revision });
    expect(opened.kind).toBe("change-request");
    await receiver.until(before + 2);
    const openedMsg = JSON.parse(receiver.received[before + 1]!.body) as { text: string; blocks: { text?: { text: string }; elements?: { text: string }[] }[] };
    expect(openedMsg.text).toContain("Approval needed");
    expect(openedMsg.blocks[1]!.elements![0]!.text).toContain("<https://corsboard.example/approvals|Open in Corsboard>");
    if (opened.kind !== "change-request") throw new Error("expected a change request");
    await t.m.rejectChangeRequest(actors.editor2, opened.changeRequest.id, { comment: "Not this week" });
    await receiver.until(before + 3);
    expect(JSON.parse(receiver.received[before + 2]!.body).text).toContain("rejected");
    await expect.poll(async () => (await t.m.listDeliveries(webhook.id)).map((d) => d.status)).toEqual(["delivered", "delivered", "delivered"]);
    await t.m.deleteWebhook(actors.admin, webhook.id);
  });
});

describe.each(TEST_BACKENDS)("webhooks and the SSRF guard on %s", (backend) => {
  const t = useTestBackend(backend, load, { env: { CORSBOARD_PROBE_ALLOW_PRIVATE: "0" } });
  const receiver = startReceiver();
  let url = "";
  let actors: { admin: UserActor; editor: UserActor; editor2: UserActor; viewer: UserActor };

  beforeAll(async () => {
    url = await receiver.listen();
    actors = await createActors(t.app.client.prisma, `whs-${backend}`);
  });
  afterAll(() => new Promise<void>((r) => receiver.server.close(() => r())));

  it("a private target is refused when configured, and refused (not retried) at delivery", async () => {
    for (const target of [url, "http://169.254.169.254/latest/meta-data", "http://10.0.0.1/hook", "http://[::1]:9/hook"]) {
      const refused = await failure(t.m.createWebhook(actors.admin, { name: "internal", url: target, events: ["version.published"], format: "json", secret: SECRET }));
      expect(refused).toMatchObject({ status: 422, code: "target_not_allowed", errors: [expect.objectContaining({ field: "body.url" })] });
    }
    // One stored while private targets were allowed is refused at delivery, and not retried.
    const row = await t.app.client.prisma.webhook.create({ data: { name: "older", url, events: ["version.published"], secret: SECRET, format: "json" } });
    const delivery = await t.m.sendTestNotification(row.id, "test");
    expect(delivery).toMatchObject({ status: "failed", attempts: 1, responseStatus: null, nextAttemptAt: null });
    expect(delivery.error).toMatch(/does not probe addresses on its own network.*CORSBOARD_PROBE_ALLOW_PRIVATE=1/);
    expect(receiver.received).toHaveLength(0);
  });
});
