"use client";
import Link from "next/link";
import { useMigrationReports } from "@/lib/queries/migrations";
import { Button } from "@/components/ui/button";
import { Alert, EmptyState, ErrorState, Loading } from "@/components/ui/states";

/** Saved checks, newest first: when, who, old → new, and the counts; older ones a page at a time ("Load more"). */
export function ReportList() {
  const { data, error, isPending, refetch, hasNextPage, fetchNextPage, isFetchingNextPage, isFetchNextPageError } = useMigrationReports();
  if (isPending) return <Loading label="Loading reports…" />;
  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  const reports = data.pages.flatMap((p) => p.reports);
  if (reports.length === 0) return <EmptyState title="No checks yet">Run a check above; every run is saved here with its matrix, and can be exported as evidence.</EmptyState>;
  return (
    <div className="flex flex-col gap-3">
    <ul className="flex flex-col divide-y divide-slate-100" aria-label="Saved reports">
      {reports.map((r) => (
        <li key={r.id} data-testid="report-item" className="py-3">
          <Link href={`/migrations/${r.id}`} className="flex min-w-0 flex-col gap-1 rounded hover:bg-slate-50">
            <span className="[overflow-wrap:anywhere] text-sm font-medium text-indigo-700">
              {r.oldOrigin} → {r.newOrigin}
            </span>
            <span className="text-xs text-slate-600">
              <time dateTime={r.createdAt}>{new Date(r.createdAt).toLocaleString()}</time> · {r.createdBy} · {r.scope.map((s) => `${s.project}/${s.environment}`).join(", ")}
            </span>
            <span className="text-xs text-slate-700">
              {r.summary.ready} ready · {r.summary.oldOnly} old only · {r.summary.neither} neither · {r.summary.partial} partial · {r.summary.drift} drift · {r.summary.unreachable} unreachable
            </span>
          </Link>
        </li>
      ))}
    </ul>
      {isFetchNextPageError ? <Alert tone="error">The next reports could not be loaded. Try again.</Alert> : null}
      {hasNextPage ? (
        <div>
          <Button type="button" variant="secondary" busy={isFetchingNextPage} onClick={() => void fetchNextPage()}>
            Load more
          </Button>
        </div>
      ) : null}
    </div>
  );
}
