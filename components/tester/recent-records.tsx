"use client";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState, Loading } from "@/components/ui/states";
import { useProbeRecords } from "@/lib/queries/tester";

const OUTCOME_TONE = { allowed: "green", blocked: "red" } as const;

/** The latest saved results, newest first. */
export function RecentRecords() {
  const records = useProbeRecords(10);
  return (
    <Card title="Recent saved results">
      {records.isPending ? <Loading label="Loading saved results…" /> : null}
      {records.isError ? <ErrorState error={records.error} retry={() => void records.refetch()} /> : null}
      {records.data && records.data.records.length === 0 ? <EmptyState title="Nothing saved yet">Run a test, then “Save &amp; copy link” to share its result.</EmptyState> : null}
      {records.data && records.data.records.length > 0 ? (
        <ul className="divide-y divide-slate-200" aria-label="Recent saved results">
          {records.data.records.map((r) => (
            <li key={r.id} className="flex min-w-0 flex-col gap-1 py-2 sm:flex-row sm:items-center sm:justify-between sm:gap-4">
              <div className="min-w-0">
                <Link href={r.url} className="block break-words text-sm font-medium text-indigo-700 underline">
                  {r.title ?? `${r.method} ${r.targetUrl}`}
                </Link>
                <p className="break-all text-xs text-slate-600">
                  {r.title ? `${r.method} ${r.targetUrl} · ` : ""}as {r.origin}
                </p>
              </div>
              <div className="flex shrink-0 flex-wrap items-center gap-2 text-xs text-slate-600">
                {r.browserOutcome !== "not-run" ? <Badge tone={OUTCOME_TONE[r.browserOutcome]}>browser: {r.browserOutcome}</Badge> : null}
                {r.verdict ? <Badge tone={OUTCOME_TONE[r.verdict]}>probe: {r.verdict}</Badge> : <Badge>probe: refused</Badge>}
                <span>
                  {r.createdBy} · {new Date(r.createdAt).toLocaleString()}
                </span>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
