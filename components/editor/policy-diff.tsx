"use client";
import { useState } from "react";
import type { PolicyDiff } from "@/lib/api/schemas/editing";
import { formatSetting, formatTime, SETTING_TITLES } from "@/components/editor/format";

const CHANGE = {
  added: { sign: "+", label: "added", className: "bg-green-50 text-green-900", badge: "text-green-800" },
  removed: { sign: "−", label: "removed", className: "bg-red-50 text-red-900", badge: "text-red-800" },
  changed: { sign: "~", label: "changed", className: "bg-amber-50 text-amber-950", badge: "text-amber-900" },
} as const;

const LIMIT = 100;

type Meta = { note: string | null; expiresAt: string | null } | null;
function describeMeta(m: Meta): string {
  if (!m) return "";
  const parts = [m.note ? `note “${m.note}”` : "no note", m.expiresAt ? `expires ${formatTime(m.expiresAt)}` : "no expiry"];
  return parts.join(", ");
}

/** What changed between two policies: origins added/removed/changed, then settings. */
export function PolicyDiffView({ diff, emptyText = "No changes." }: { diff: PolicyDiff; emptyText?: string }) {
  const [showAll, setShowAll] = useState(false);
  if (diff.empty) return <p className="text-sm text-slate-600">{emptyText}</p>;
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const o of diff.origins) counts[o.change]++;
  const shown = showAll ? diff.origins : diff.origins.slice(0, LIMIT);
  return (
    <div className="flex flex-col gap-3 text-sm">
      {diff.origins.length > 0 ? (
        <div>
          <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">
            Origins: {counts.added} added, {counts.removed} removed, {counts.changed} changed
          </p>
          <ul className="flex flex-col gap-0.5" aria-label="Origin changes">
            {shown.map((o) => {
              const c = CHANGE[o.change];
              return (
                <li key={`${o.change}-${o.value}`} className={`rounded px-2 py-1 ${c.className}`}>
                  <span className="flex items-baseline gap-2">
                    <span aria-hidden className="shrink-0 font-mono font-bold">
                      {c.sign}
                    </span>
                    <span className="min-w-0 break-all">
                      <span className="font-mono">{o.value}</span> <span className={`whitespace-nowrap text-xs font-medium ${c.badge}`}>{c.label}</span>
                    </span>
                  </span>
                  {o.change === "changed" ? (
                    <span className="block pl-4 text-xs">
                      {describeMeta(o.before)} → {describeMeta(o.after)}
                    </span>
                  ) : o.change === "added" && (o.after?.note || o.after?.expiresAt) ? (
                    <span className="block pl-4 text-xs">{describeMeta(o.after)}</span>
                  ) : null}
                </li>
              );
            })}
          </ul>
          {diff.origins.length > LIMIT && !showAll ? (
            <button type="button" className="mt-1 text-sm font-medium text-indigo-700 underline" onClick={() => setShowAll(true)}>
              Show all {diff.origins.length.toLocaleString()} origin changes
            </button>
          ) : null}
        </div>
      ) : null}
      {diff.settings.length > 0 ? (
        <div>
          <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">Settings</p>
          <dl className="flex flex-col gap-1" aria-label="Setting changes">
            {diff.settings.map((s) => (
              <div key={s.field} className="flex flex-wrap gap-x-2 rounded bg-amber-50 px-2 py-1 text-amber-950">
                <dt className="font-medium">{SETTING_TITLES[s.field] ?? s.field}:</dt>
                <dd className="min-w-0 break-words">
                  <del className="text-red-800">{formatSetting(s.field, s.before)}</del> → <ins className="text-green-800 no-underline">{formatSetting(s.field, s.after)}</ins>
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
    </div>
  );
}
