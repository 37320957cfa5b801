"use client";
import Link from "next/link";
import { useConsumers, type Consumer } from "@/lib/queries/consumers";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatCount } from "@/components/editor/format";
import { RelativeTime } from "@/components/ui/relative-time";
import { ErrorState, Loading } from "@/components/ui/states";

const MODE_LABELS = { fetch: "fetch", "long-poll": "long-poll", sse: "SSE" } as const;
const STATE_TONES = { live: "green", polling: "indigo", gone: "neutral" } as const;

/**
 * Services reading this environment's config: each instance live (open SSE
 * stream or long-poll), polling, or gone (stream closed, or unseen for twice
 * its refresh interval plus 30 s — see lib/server/config/consumer-state.ts),
 * whether it is on the latest published version, and the origins they saw.
 * The summary counts only instances that are not gone.
 */
export function ConsumersPanel({ project, environment }: { project: string; environment: string }) {
  const { consumers, observed } = useConsumers(project, environment);
  const list = consumers.data?.consumers ?? [];
  const origins = observed.data?.origins ?? [];
  const latest = consumers.data?.latestVersion ?? null;

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
              {summary(list, latest)}
            </p>
            <ul className="flex flex-col divide-y divide-slate-200" aria-label="Consumer instances">
              {list.map((c) => (
                <li key={`${c.token.id}/${c.instance}`} className="flex min-w-0 flex-col gap-1 py-2 first:pt-0 last:pb-0" data-testid="consumer-row">
                  <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
                    <span className="min-w-0 break-all text-sm font-medium text-slate-900">{c.token.name}</span>
                    <Badge tone={STATE_TONES[c.state]}>{c.state}</Badge>
                    {c.state === "gone" ? null : c.onLatest ? <Badge tone="green">latest</Badge> : <Badge tone="red">behind</Badge>}
                    {c.token.revoked ? <Badge tone="red">token revoked</Badge> : null}
                  </div>
                  {/* Only the instance name may break anywhere; "seen 29 seconds ago" stays on one line. */}
                  <p className="min-w-0 text-xs text-slate-600">
                    <span className="break-all font-mono">{c.instance || "(no instance name)"}</span> · v{c.version} · {MODE_LABELS[c.mode]} ·{" "}
                    <span className="whitespace-nowrap">
                      {c.disconnectedAt ? "stream closed" : "seen"} <RelativeTime iso={c.disconnectedAt ?? c.lastSeenAt} />
                    </span>
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

/** "All 2 on the latest version (v3)", "1 of 2 on the latest version (v3)", with the gone ones counted apart. */
function summary(list: Consumer[], latest: number | null): string {
  const current = list.filter((c) => c.state !== "gone");
  const gone = list.length - current.length;
  const goneText = gone > 0 ? ` ${formatCount(gone, "instance")} gone.` : "";
  if (current.length === 0) return `No instance is reading this config now.${goneText}`;
  const onLatest = current.filter((c) => c.onLatest).length;
  const version = latest === null ? "" : ` (v${latest})`;
  const head = onLatest === current.length ? `All ${current.length}` : `${onLatest} of ${current.length}`;
  return `${head} on the latest version${version}.${goneText}`;
}
