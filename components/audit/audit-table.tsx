"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useId, useMemo, useState } from "react";
import type { AuditEvent } from "@/lib/api/schemas/audit";
import { auditExportUrl, auditParams, useAudit, type AuditFilters } from "@/lib/queries/audit";
import { useProjects } from "@/lib/queries/projects";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { EmptyState, ErrorState, Loading } from "@/components/ui/states";
import { TextField } from "@/components/ui/text-field";
import { AuditDiff, diffValues, formatValue } from "@/components/audit/audit-diff";

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
  };
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
    const t = setTimeout(() => {
      setApplied(filters);
      const q = auditParams(filters).toString();
      const url = q ? `${pathname}?${q}` : pathname;
      // The native history API updates the URL without asking the server for the page again.
      if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, "", url);
    }, 300);
    return () => clearTimeout(t);
  }, [filters, pathname]);

  const { data, error, isPending, isFetching, isFetchingNextPage, hasNextPage, fetchNextPage, refetch } = useAudit(applied);
  const projects = useProjects({ includeArchived: true });

  const names = useMemo(() => {
    const projectById = new Map<string, string>();
    const envById = new Map<string, string>();
    for (const p of projects.data?.projects ?? []) {
      projectById.set(p.id, p.name);
      for (const e of p.environments) envById.set(e.id, e.name);
    }
    return { projectById, envById };
  }, [projects.data]);

  const events = data?.pages.flatMap((p) => p.events) ?? [];
  const actions = [...new Set([...KNOWN_ACTIONS, ...events.map((e) => e.action)])].sort();
  const targetTypes = [...new Set([...KNOWN_TARGET_TYPES, ...events.map((e) => e.targetType)])].sort();
  const set = (k: keyof AuditFilters) => (value: string) => setFilters((f) => ({ ...f, [k]: value }));

  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" role="search" aria-label="Filter audit events">
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
              <AuditRow key={e.id} event={e} projectName={e.projectId ? names.projectById.get(e.projectId) : undefined} envName={e.environmentId ? names.envById.get(e.environmentId) : undefined} />
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

/** The first difference in a few words, e.g. `name: Shop → Storefront (+1 more)`. */
function changeSummary(e: AuditEvent): string | null {
  const rows = diffValues(e.before, e.after);
  const first = rows[0];
  if (!first) return null;
  const short = (v: unknown) => {
    const text = formatValue(v);
    return text.length > 40 ? `${text.slice(0, 39)}…` : text;
  };
  const what =
    first.kind === "added" ? `${first.path}: + ${short(first.after)}` : first.kind === "removed" ? `${first.path}: − ${short(first.before)}` : `${first.path}: ${short(first.before)} → ${short(first.after)}`;
  return rows.length > 1 ? `${what} (+${rows.length - 1} more)` : what;
}

function AuditRow({ event: e, projectName, envName }: { event: AuditEvent; projectName?: string; envName?: string }) {
  const at = new Date(e.at);
  const summary = changeSummary(e);
  return (
    <li className="py-2 text-sm" data-testid="audit-event">
      <details className="group">
        <summary className="flex cursor-pointer list-none flex-wrap items-baseline gap-x-3 gap-y-0.5 rounded px-1 py-1 hover:bg-slate-50">
          <span aria-hidden className="inline-block w-3 text-slate-500 transition-transform group-open:rotate-90">
            ›
          </span>
          <time dateTime={e.at} className="font-mono text-xs text-slate-600" title={e.at}>
            {at.toLocaleString()}
          </time>
          <span className="break-all font-medium text-slate-900">{e.actor}</span>
          <span className="font-medium text-indigo-700">{e.action}</span>
          <span className="min-w-0 break-all text-slate-700">
            {e.targetType}
            {projectName ? ` · ${projectName}` : ""}
            {envName ? ` / ${envName}` : ""}
            {!projectName && e.targetId ? ` ${e.targetId.slice(0, 8)}` : ""}
          </span>
          {summary ? <span className="min-w-0 basis-full break-all pl-6 text-xs text-slate-600 sm:basis-auto sm:pl-0">{summary}</span> : null}
        </summary>
        <div className="mt-2 pl-5">
          <AuditDiff before={e.before} after={e.after} />
        </div>
      </details>
    </li>
  );
}
