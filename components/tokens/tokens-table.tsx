"use client";
import { useRevokeToken, useTokens } from "@/lib/queries/tokens";
import { Badge } from "@/components/ui/badge";
import { EmptyState, ErrorState, Loading } from "@/components/ui/states";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");

export function TokensTable() {
  const { data, error, isPending, refetch } = useTokens();
  const revoke = useRevokeToken();
  if (isPending) return <Loading label="Loading tokens…" />;
  if (error) return <ErrorState error={error} retry={() => void refetch()} />;
  if (data.tokens.length === 0) return <EmptyState title="No API tokens yet">Services need one to fetch their policy; CI needs an admin token.</EmptyState>;
  return (
    // A table from sm up; on a phone each token is a small block with its dates labelled, nothing off-screen.
    <div className="relative overflow-x-auto">
      <table className="block w-full text-left text-sm sm:table sm:min-w-[44rem]">
        <thead className="hidden border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500 sm:table-header-group">
          <tr>
            <th className="py-2 pr-3 font-medium">Name</th>
            <th className="py-2 pr-3 font-medium">Scope</th>
            <th className="py-2 pr-3 font-medium">Starts with</th>
            <th className="py-2 pr-3 font-medium">Last used</th>
            <th className="py-2 pr-3 font-medium">Created</th>
            <th className="py-2 font-medium"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="block divide-y divide-slate-100 sm:table-row-group">
          {data.tokens.map((t) => (
            <tr key={t.id} className={`grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-1 py-2 sm:table-row sm:py-0 ${t.revokedAt ? "text-slate-400" : ""}`}>
              <td className="col-span-2 block font-medium [overflow-wrap:anywhere] sm:table-cell sm:py-2 sm:pr-3">{t.name}</td>
              <td className="block sm:table-cell sm:py-2 sm:pr-3">
                {t.scope === "admin" ? <Badge tone="indigo">admin</Badge> : <Badge>{`read ${t.project}/${t.environment}`}</Badge>}
              </td>
              <td className="block font-mono text-xs sm:table-cell sm:py-2 sm:pr-3">{t.prefix}…</td>
              <td className="col-span-2 block text-xs sm:table-cell sm:py-2 sm:pr-3 sm:text-sm">
                <span className="text-slate-500 sm:hidden">Last used </span>
                {when(t.lastUsedAt)}
              </td>
              <td className="col-span-2 block text-xs [overflow-wrap:anywhere] sm:table-cell sm:py-2 sm:pr-3 sm:text-sm">
                <span className="text-slate-500 sm:hidden">Created </span>
                {when(t.createdAt)}
                {t.createdBy ? ` by ${t.createdBy}` : ""}
              </td>
              <td className="col-span-2 block whitespace-nowrap sm:table-cell sm:py-2 sm:pl-2 sm:pr-1 sm:text-right">
                {t.revokedAt ? (
                  <Badge tone="red">revoked</Badge>
                ) : (
                  <button
                    type="button"
                    disabled={revoke.isPending}
                    onClick={() => {
                      if (window.confirm(`Revoke “${t.name}”? Anything using it stops working at once.`)) revoke.mutate(t.id);
                    }}
                    className="whitespace-nowrap rounded-md px-2 py-1 text-sm font-medium text-red-700 ring-1 ring-inset ring-red-300 hover:bg-red-50"
                  >
                    Revoke<span className="sr-only"> {t.name}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
