"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useId, useMemo, useState } from "react";
import { auditDateRangeFormSchema, type AuditEvent } from "@/lib/api/schemas/audit";
import { auditExportUrl, auditPageParams, useAudit, type AuditFilters } from "@/lib/queries/audit";
import { useProjects } from "@/lib/queries/projects";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { EmptyState, ErrorState, Loading } from "@/components/ui/states";
import { TextField } from "@/components/ui/text-field";
import { AuditDiff } from "@/components/audit/audit-diff";
import { summarizeAuditEvent } from "@/components/audit/audit-summary";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatTime } from "@/components/editor/format";

const KNOWN_ACTIONS = ["project.", "environment.", "draft.", "policy.", "change-request.", "user.", "token."];
const KNOWN_TARGET_TYPES = ["project", "environment", "change-request", "user", "token"];

const linkClass =
  "inline-flex items-center rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50";

function filtersFrom(params: URLSearchParams): AuditFilters {
  return {
    action: params.get("action") ?? "",
    actor: params.get("actor") ?? "",
    targetType: params.get("targetType") ?? "",
    project: params.get("project") ?? "",
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
  };
}

/** Why the date range can't be used (the shared schema's message), by field. */
function rangeErrors(filters: AuditFilters): { from?: string; to?: string } {
  const parsed = auditDateRangeFormSchema.safeParse({ from: filters.from || undefined, to: filters.to || undefined });
  if (parsed.success) return {};
  const out: { from?: string; to?: string } = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if ((field === "from" || field === "to") && !out[field]) out[field] = issue.message;
  }
  return out;
}

/** The audit log: filters (kept in the URL), expandable differences, paging back in time, and exports of what is filtered. */
export function AuditTable() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [filters, setFilters] = useState<AuditFilters>(() => filtersFrom(new URLSearchParams(searchParams.toString())));
  const [applied, setApplied] = useState<AuditFilters>(filters);
  const listId = useId();

  // Typing waits a moment before asking the server; the URL follows so a filtered view can be shared.
  useEffect(() => {
    // A date range that doesn't parse (the end before the start) keeps the last good filters; the form says why.
    if (Object.keys(rangeErrors(filters)).length > 0) return;
    const t = setTimeout(() => {
      setApplied(filters);
      const q = auditPageParams(filters).toString();
      const url = q ? `${pathname}?${q}` : pathname;
      // The native history API updates the URL without asking the server for the page again.
      if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, "", url);
    }, 300);
    return () => clearTimeout(t);
  }, [filters, pathname]);

  const { data, error, isPending, isFetching, isFetchingNextPage, hasNextPage, fetchNextPage, refetch } = useAudit(applied);
  const projects = useProjects({ includeArchived: true });

  const dateErrors = useMemo(() => rangeErrors(filters), [filters]);

  const events = data?.pages.flatMap((p) => p.events) ?? [];
  const actions = [...new Set([...KNOWN_ACTIONS, ...events.map((e) => e.action)])].sort();
  const targetTypes = [...new Set([...KNOWN_TARGET_TYPES, ...events.map((e) => e.targetType)])].sort();
  const set = (k: keyof AuditFilters) => (value: string) => setFilters((f) => ({ ...f, [k]: value }));

  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" role="search" aria-label="Filter audit events">
        <TextField label="Action starts with" placeholder="e.g. project." value={filters.action ?? ""} onChange={(e) => set("action")(e.target.value)} list={`${listId}-actions`} />
        <datalist id={`${listId}-actions`}>
          {actions.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <TextField label="Actor contains" placeholder="e.g. alice@" value={filters.actor ?? ""} onChange={(e) => set("actor")(e.target.value)} />
        <SelectField
          label="Target type"
          value={filters.targetType ?? ""}
          onChange={(e) => set("targetType")(e.target.value)}
          options={[{ value: "", label: "Any" }, ...targetTypes.map((t) => ({ value: t, label: t }))]}
        />
        <SelectField
          label="Project"
          value={filters.project ?? ""}
          onChange={(e) => set("project")(e.target.value)}
          options={[{ value: "", label: "All projects" }, ...(projects.data?.projects ?? []).map((p) => ({ value: p.slug, label: p.archived ? `${p.name} (archived)` : p.name }))]}
        />
        <TextField label="From" type="date" value={filters.from ?? ""} max={filters.to || undefined} onChange={(e) => set("from")(e.target.value)} error={dateErrors.from} hint="First day, included (your time zone)." />
        <TextField label="To" type="date" value={filters.to ?? ""} min={filters.from || undefined} onChange={(e) => set("to")(e.target.value)} error={dateErrors.to} hint="Last day, included." />
      </div>

      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-700" aria-live="polite">
          {isPending ? "" : `${events.length}${hasNextPage ? "+" : ""} ${events.length === 1 ? "event" : "events"}${isFetching && !isFetchingNextPage ? " (updating…)" : ""}`}
        </p>
        <div className="flex flex-wrap gap-2">
          <a href={auditExportUrl(applied, "json")} download className={linkClass}>
            Export JSON
          </a>
          <a href={auditExportUrl(applied, "csv")} download className={linkClass}>
            Export CSV
          </a>
        </div>
      </div>

      {isPending ? (
        <Loading label="Loading audit log…" />
      ) : error ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : events.length === 0 ? (
        <EmptyState title="No events match">Loosen the filters to see more.</EmptyState>
      ) : (
        <>
          <ol className="divide-y divide-slate-100" aria-label="Audit events, newest first">
            {events.map((e) => (
              <AuditRow key={e.id} event={e} />
            ))}
          </ol>
          {hasNextPage ? (
            <div className="flex justify-center">
              <Button type="button" variant="secondary" busy={isFetchingNextPage} onClick={() => void fetchNextPage()}>
                Load more
              </Button>
            </div>
          ) : (
            <p className="text-center text-xs text-slate-600">That is every matching event.</p>
          )}
        </>
      )}
    </div>
  );
}

/** One event: when, who, what in a sentence; opened, the differences and the raw before/after. */
function AuditRow({ event: e }: { event: AuditEvent }) {
  const summary = summarizeAuditEvent(e);
  return (
    <li className="py-2 text-sm" data-testid="audit-event">
      <details className="group">
        <summary className="flex cursor-pointer list-none items-start gap-2 rounded px-1 py-1 hover:bg-slate-50">
          <span aria-hidden className="inline-block w-3 shrink-0 text-slate-500 transition-transform group-open:rotate-90">
            ›
          </span>
          <span className="flex min-w-0 flex-1 flex-col gap-0.5">
            <span className="min-w-0 break-words text-slate-900" data-testid="audit-summary">
              <span className="font-medium">{e.actor}</span> {summary}
            </span>
            <span className="flex flex-wrap items-baseline gap-x-3 text-xs text-slate-600">
              <time dateTime={e.at} className="font-mono" title={e.at}>
                {formatTime(e.at)}
              </time>
              <RelativeTime iso={e.at} />
              <span className="font-mono text-indigo-700">{e.action}</span>
            </span>
          </span>
        </summary>
        <div className="mt-2 pl-5">
          <AuditDiff before={e.before} after={e.after} />
        </div>
      </details>
    </li>
  );
}
