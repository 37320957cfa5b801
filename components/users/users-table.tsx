"use client";
import { useState } from "react";
import { roleSchema, type Role } from "@/lib/api/schemas/user";
import { useUpdateUser, useUsers } from "@/lib/queries/users";
import { Badge } from "@/components/ui/badge";
import { Alert, EmptyState, ErrorState, Loading } from "@/components/ui/states";
import { ResetLinkButton } from "@/components/users/reset-link-button";

/**
 * `passwordsOnlyFor`: in SSO-only mode, the one email that keeps a password
 * (the break-glass account; "" for none) — the reset link is offered for it
 * alone. Undefined: passwords are on for everyone.
 */
export function UsersTable({ passwordsOnlyFor }: { passwordsOnlyFor?: string } = {}) {
  const { data, error, isPending, refetch } = useUsers();
  const update = useUpdateUser();
  const [message, setMessage] = useState<string | null>(null);

  if (isPending) return <Loading label="Loading users…" />;
  if (error) return <ErrorState error={error} retry={() => void refetch()} />;
  if (data.users.length === 0) return <EmptyState title="No users" />;

  const change = (id: string, input: { role?: Role; disabled?: boolean }) =>
    update.mutate({ id, ...input }, { onError: (e) => setMessage(e.message), onSuccess: () => setMessage(null) });

  return (
    <div className="flex flex-col gap-3">
      {message ? <Alert tone="error">{message}</Alert> : null}
      {/* A table from sm up; on a phone each user is a small block (name, email, then role, status and the button), nothing off-screen. */}
      <div className="relative overflow-x-auto">
        <table className="block w-full text-left text-sm sm:table sm:min-w-[36rem]">
          <thead className="hidden border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500 sm:table-header-group">
            <tr>
              <th className="py-2 pr-3 font-medium">Name</th>
              <th className="py-2 pr-3 font-medium">Email</th>
              <th className="py-2 pr-3 font-medium">Role</th>
              <th className="py-2 pr-3 font-medium">Status</th>
              <th className="py-2 font-medium"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="block divide-y divide-slate-100 sm:table-row-group">
            {data.users.map((u) => (
              <tr key={u.id} className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-1 py-2 sm:table-row sm:py-0">
                <td className="col-span-2 block font-medium text-slate-900 sm:table-cell sm:py-2 sm:pr-3 sm:font-normal">{u.name}</td>
                <td className="col-span-2 block text-slate-700 [overflow-wrap:anywhere] sm:table-cell sm:py-2 sm:pr-3">{u.email}</td>
                <td className="block sm:table-cell sm:py-2 sm:pr-3">
                  <label className="sr-only" htmlFor={`role-${u.id}`}>Role of {u.email}</label>
                  <select
                    id={`role-${u.id}`}
                    value={u.role}
                    onChange={(e) => change(u.id, { role: roleSchema.parse(e.target.value) })}
                    className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                  >
                    {roleSchema.options.map((r) => (
                      <option key={r} value={r}>{r}</option>
                    ))}
                  </select>
                </td>
                <td className="block sm:table-cell sm:py-2 sm:pr-3">{u.disabled ? <Badge tone="red">disabled</Badge> : <Badge tone="green">active</Badge>}</td>
                <td className="col-span-2 block whitespace-nowrap sm:table-cell sm:py-2 sm:pl-2 sm:pr-1 sm:text-right">
                  <span className="inline-flex flex-wrap justify-end gap-2">
                  {passwordsOnlyFor === undefined || u.email.toLowerCase() === passwordsOnlyFor ? <ResetLinkButton userId={u.id} email={u.email} disabled={u.disabled} /> : null}
                  <button
                    type="button"
                    onClick={() => change(u.id, { disabled: !u.disabled })}
                    className="whitespace-nowrap rounded-md px-2 py-1 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
                  >
                    {u.disabled ? "Enable" : "Disable"}
                    <span className="sr-only"> {u.email}</span>
                  </button>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
