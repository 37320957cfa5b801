"use client";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { Alert, EmptyState, ErrorState, Loading } from "@/components/ui/states";
import { WEBHOOK_EVENT_LABELS, type Webhook, type WebhookDelivery } from "@/lib/api/schemas/webhook";
import { useDeleteWebhook, useDeliveries, useSendTest, useUpdateWebhook, useWebhooks } from "@/lib/queries/webhooks";

const STATUS_TONE = { delivered: "green", pending: "amber", failed: "red" } as const;

function DeliveryStatus({ d }: { d: Pick<WebhookDelivery, "status" | "responseStatus"> }) {
  return (
    <Badge tone={STATUS_TONE[d.status as keyof typeof STATUS_TONE] ?? "neutral"}>
      {d.status}
      {d.responseStatus !== null ? ` · ${d.responseStatus}` : ""}
    </Badge>
  );
}

function DeliveryLog({ id }: { id: string }) {
  const { data, error, isPending } = useDeliveries(id);
  if (isPending) return <Loading label="Loading deliveries…" />;
  if (error) return <ErrorState error={error} />;
  if (data.deliveries.length === 0) return <p className="text-sm text-slate-600">No deliveries yet. Send a test.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[36rem] text-left text-sm" aria-label="Deliveries">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-1.5 pr-3 font-medium">When</th>
            <th className="py-1.5 pr-3 font-medium">Event</th>
            <th className="py-1.5 pr-3 font-medium">Status</th>
            <th className="py-1.5 pr-3 font-medium">Attempts</th>
            <th className="py-1.5 font-medium">Detail</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data.deliveries.map((d) => (
            <tr key={d.id}>
              <td className="py-1.5 pr-3 whitespace-nowrap text-slate-700"><RelativeTime iso={d.lastAttemptAt ?? d.createdAt} /></td>
              <td className="py-1.5 pr-3 font-mono text-xs text-slate-800">{d.event}</td>
              <td className="py-1.5 pr-3"><DeliveryStatus d={d} /></td>
              <td className="py-1.5 pr-3 text-slate-700">{d.attempts}</td>
              <td className="py-1.5 text-xs text-slate-600">
                {d.error ?? ""}
                {d.nextAttemptAt ? <> · next attempt <RelativeTime iso={d.nextAttemptAt} kind="deadline" /></> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function WebhookItem({ webhook }: { webhook: Webhook }) {
  const [showLog, setShowLog] = useState(false);
  const sendTest = useSendTest();
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  const test = () =>
    sendTest.mutate(webhook.id, {
      onSuccess: ({ delivery }) => {
        setShowLog(true);
        setMessage(delivery.status === "delivered" ? { tone: "success", text: `Test delivered: the receiver answered ${delivery.responseStatus}.` } : { tone: "error", text: `Test not delivered: ${delivery.error ?? delivery.status}.` });
      },
      onError: (e) => setMessage({ tone: "error", text: e.message }),
    });

  return (
    <li className="flex flex-col gap-3 py-4" aria-label={webhook.name}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium text-slate-900">
            {webhook.name} <Badge tone="indigo">{webhook.format === "slack" ? "Slack" : "JSON"}</Badge> {webhook.enabled ? null : <Badge>paused</Badge>}
          </p>
          <p className="break-all font-mono text-xs text-slate-600">{webhook.url}</p>
          <p className="mt-1 text-xs text-slate-600">
            {webhook.events.map((e) => WEBHOOK_EVENT_LABELS[e]).join(" · ")} · secret {webhook.secretHint}
          </p>
          {webhook.lastDelivery ? (
            <p className="mt-1 text-xs text-slate-600">
              Last delivery <DeliveryStatus d={{ status: webhook.lastDelivery.status as WebhookDelivery["status"], responseStatus: webhook.lastDelivery.responseStatus }} /> <RelativeTime iso={webhook.lastDelivery.at} />
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" busy={sendTest.isPending} onClick={test}>
            Send test<span className="sr-only"> to {webhook.name}</span>
          </Button>
          <Button variant="secondary" onClick={() => setShowLog((v) => !v)} aria-expanded={showLog}>
            Deliveries<span className="sr-only"> of {webhook.name}</span>
          </Button>
          <Button variant="ghost" onClick={() => update.mutate({ id: webhook.id, enabled: !webhook.enabled })}>
            {webhook.enabled ? "Pause" : "Resume"}<span className="sr-only"> {webhook.name}</span>
          </Button>
          <Button variant="danger" onClick={() => { if (window.confirm(`Delete ${webhook.name} and its delivery log?`)) remove.mutate(webhook.id); }}>
            Delete<span className="sr-only"> {webhook.name}</span>
          </Button>
        </div>
      </div>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {showLog ? <DeliveryLog id={webhook.id} /> : null}
    </li>
  );
}

export function WebhooksList() {
  const { data, error, isPending, refetch } = useWebhooks();
  if (isPending) return <Loading label="Loading webhooks…" />;
  if (error) return <ErrorState error={error} retry={() => void refetch()} />;
  if (data.webhooks.length === 0) return <EmptyState title="No webhooks yet">Add one below: Slack, a chat bot, or your own endpoint.</EmptyState>;
  return (
    <ul className="divide-y divide-slate-100" aria-label="Webhooks">
      {data.webhooks.map((w) => (
        <WebhookItem key={w.id} webhook={w} />
      ))}
    </ul>
  );
}
