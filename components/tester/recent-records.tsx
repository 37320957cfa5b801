"use client";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState, Loading } from "@/components/ui/states";
import { RECENT_RECORDS_PAGE, useProbeRecords } from "@/lib/queries/tester";

const OUTCOME_TONE = { allowed: "green", blocked: "red" } as const;
/** The list API's largest page (probeRecordListQuerySchema). */
const MAX_RECORDS = 100;

/** The latest saved results, newest first; "Load more" asks for a longer list (up to 100). */
export function RecentRecords() {
  const [limit, setLimit] = useState(RECENT_RECORDS_PAGE);
  const records = useProbeRecords(limit);
  const data = records.data;
  const hasMore = data !== undefined && data.records.length >= limit && limit < MAX_RECORDS;
  return (
    <Card title="Recent saved results">
      {records.isPending ? <Loading label="Loading saved results…" /> : null}
      {records.isError ? <ErrorState error={records.error} retry={() => void records.refetch()} /> : null}
      {data && data.records.length === 0 ? <EmptyState title="Nothing saved yet">Run a test, then “Save &amp; copy link” to share its result.</EmptyState> : null}
      {data && data.records.length > 0 ? (
        <ul className="divide-y divide-slate-200" aria-label="Recent saved results">
          {data.records.map((r) => (
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
                {r.browserOutcome !== "not-run" ? (
                  <span title={`Reported by ${r.createdBy}'s browser; Corsboard can't verify it`}>
                    <Badge tone={OUTCOME_TONE[r.browserOutcome]}>
                      reported by {r.createdBy}&apos;s browser: {r.browserOutcome}
                    </Badge>
                  </span>
                ) : null}
                {r.verdict ? <Badge tone={OUTCOME_TONE[r.verdict]}>probe: {r.verdict}</Badge> : <Badge>probe: refused</Badge>}
                <span>
                  {r.createdBy} · {new Date(r.createdAt).toLocaleString()}
                </span>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {hasMore ? (
        <div className="mt-3">
          <Button type="button" variant="secondary" busy={records.isFetching} onClick={() => setLimit((l) => Math.min(l + RECENT_RECORDS_PAGE, MAX_RECORDS))}>
            Load more
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
