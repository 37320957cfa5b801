"use client";
import { useState } from "react";
import { useAudit, type AuditFilters } from "@/lib/queries/audit";
import { EmptyState, ErrorState, Loading } from "@/components/ui/states";
import { TextField } from "@/components/ui/text-field";

export function AuditTable() {
  const [filters, setFilters] = useState<AuditFilters>({});
  const { data, error, isPending, refetch } = useAudit(filters);
  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-3 sm:grid-cols-3" role="search" aria-label="Filter audit events">
        <TextField label="Action starts with" placeholder="e.g. token." value={filters.action ?? ""} onChange={(e) => setFilters((f) => ({ ...f, action: e.target.value }))} />
        <TextField label="Actor contains" placeholder="e.g. alice@" value={filters.actor ?? ""} onChange={(e) => setFilters((f) => ({ ...f, actor: e.target.value }))} />
        <TextField label="Target type" placeholder="e.g. user" value={filters.targetType ?? ""} onChange={(e) => setFilters((f) => ({ ...f, targetType: e.target.value }))} />
      </div>
      {isPending ? (
        <Loading label="Loading audit log…" />
      ) : error ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : data.events.length === 0 ? (
        <EmptyState title="No events match" />
      ) : (
        <ol className="divide-y divide-slate-100">
          {data.events.map((e) => (
            <li key={e.id} className="py-2 text-sm">
              <details>
                <summary className="cursor-pointer">
                  <span className="font-mono text-xs text-slate-500">{new Date(e.at).toLocaleString()}</span>{" "}
                  <span className="font-medium text-slate-900">{e.actor}</span> <span className="text-indigo-700">{e.action}</span>{" "}
                  <span className="text-slate-600">
                    {e.targetType}
                    {e.targetId ? ` ${e.targetId.slice(0, 8)}` : ""}
                  </span>
                </summary>
                <div className="mt-2 grid gap-2 md:grid-cols-2">
                  <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs" aria-label="Before">{JSON.stringify(e.before, null, 2)}</pre>
                  <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs" aria-label="After">{JSON.stringify(e.after, null, 2)}</pre>
                </div>
              </details>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
