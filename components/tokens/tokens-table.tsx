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
    <div className="relative overflow-x-auto">
      <table className="w-full min-w-[44rem] text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-2 pr-3 font-medium">Name</th>
            <th className="py-2 pr-3 font-medium">Scope</th>
            <th className="py-2 pr-3 font-medium">Starts with</th>
            <th className="py-2 pr-3 font-medium">Last used</th>
            <th className="py-2 pr-3 font-medium">Created</th>
            <th className="py-2 font-medium"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data.tokens.map((t) => (
            <tr key={t.id} className={t.revokedAt ? "text-slate-400" : ""}>
              <td className="py-2 pr-3 font-medium">{t.name}</td>
              <td className="py-2 pr-3">
                {t.scope === "admin" ? <Badge tone="indigo">admin</Badge> : <Badge>{`read ${t.project}/${t.environment}`}</Badge>}
              </td>
              <td className="py-2 pr-3 font-mono text-xs">{t.prefix}…</td>
              <td className="py-2 pr-3">{when(t.lastUsedAt)}</td>
              <td className="py-2 pr-3">{when(t.createdAt)}{t.createdBy ? ` by ${t.createdBy}` : ""}</td>
              <td className="whitespace-nowrap py-2 pl-2 pr-1 text-right">
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
