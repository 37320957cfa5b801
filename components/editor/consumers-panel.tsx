"use client";
import Link from "next/link";
import { useConsumers } from "@/lib/queries/consumers";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatCount, formatRelative, formatTime } from "@/components/editor/format";
import { ErrorState, Loading } from "@/components/ui/states";

const MODE_LABELS = { fetch: "polling", "long-poll": "long-poll", sse: "live (SSE)" } as const;

/**
 * Services reading this environment's config: which are on the latest
 * published version, which lag behind or went quiet, and the origins they saw.
 */
export function ConsumersPanel({ project, environment, now }: { project: string; environment: string; now: number }) {
  const { consumers, observed } = useConsumers(project, environment);
  const list = consumers.data?.consumers ?? [];
  const origins = observed.data?.origins ?? [];
  const latest = consumers.data?.latestVersion ?? null;
  const onLatest = list.filter((c) => c.onLatest && !c.stale).length;

  return (
    <Card title="Services reading this config" className="min-w-0">
      <section aria-label="Consumers" className="flex flex-col gap-3">
        {consumers.isPending ? (
          <Loading label="Loading consumers…" />
        ) : consumers.error ? (
          <ErrorState error={consumers.error} retry={() => void consumers.refetch()} />
        ) : list.length === 0 ? (
          <p className="rounded-md border border-dashed border-slate-300 px-3 py-4 text-sm text-slate-700" data-testid="consumers-empty">
            No service has fetched this environment&apos;s config yet — create a read token on the{" "}
            <Link href="/settings/tokens" className="font-medium text-indigo-700 underline">
              API tokens page
            </Link>
            .
          </p>
        ) : (
          <>
            <p className="text-sm text-slate-700" data-testid="consumers-summary">
              {onLatest} of {formatCount(list.length, "instance")} on the latest version{latest === null ? "" : ` (v${latest})`}.
            </p>
            <ul className="flex flex-col divide-y divide-slate-200" aria-label="Consumer instances">
              {list.map((c) => (
                <li key={`${c.token.id}/${c.instance}`} className="flex min-w-0 flex-col gap-1 py-2 first:pt-0 last:pb-0" data-testid="consumer-row">
                  <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
                    <span className="min-w-0 break-all text-sm font-medium text-slate-900">{c.token.name}</span>
                    {c.stale ? (
                      <Badge tone="amber">stale</Badge>
                    ) : c.onLatest ? (
                      <Badge tone="green">latest</Badge>
                    ) : (
                      <Badge tone="red">behind</Badge>
                    )}
                    {c.token.revoked ? <Badge tone="red">token revoked</Badge> : null}
                  </div>
                  <p className="min-w-0 break-all text-xs text-slate-600">
                    <span className="font-mono">{c.instance || "(no instance name)"}</span> · v{c.version} · {MODE_LABELS[c.mode]} · seen{" "}
                    <time dateTime={c.lastSeenAt} title={formatTime(c.lastSeenAt)}>
                      {formatRelative(c.lastSeenAt, Math.max(now, Date.parse(c.lastSeenAt)))}
                    </time>
                  </p>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {origins.length > 0 ? (
        <section aria-label="Observed origins" className="mt-4 border-t border-slate-200 pt-3">
          <h3 className="mb-2 text-sm font-semibold text-slate-900">Origins seen by these services</h3>
          <ul className="flex flex-col gap-1.5" aria-label="Observed origins">
            {origins.map((o) => (
              <li key={o.origin} className="flex min-w-0 flex-wrap items-center justify-between gap-x-2 text-xs" data-testid="observed-row">
                <span className="min-w-0 break-all font-mono text-slate-800">{o.origin}</span>
                <span className="flex shrink-0 gap-1">
                  <Badge tone={o.allowedCount > 0 ? "green" : "neutral"}>{o.allowedCount.toLocaleString()} allowed</Badge>
                  <Badge tone={o.rejectedCount > 0 ? "red" : "neutral"}>{o.rejectedCount.toLocaleString()} rejected</Badge>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Card>
  );
}
