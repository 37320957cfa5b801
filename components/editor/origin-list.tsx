"use client";
import { useCallback, useId, useMemo, useRef } from "react";
import type { LintFinding } from "@/lib/cors";
import type { EditorOrigin, LintResult } from "@/components/editor/draft-model";
import { isWildcard, OriginRow, ROW_COLUMNS, type OriginPatch } from "@/components/editor/origin-row";
import { PreviewOriginsContext } from "@/components/editor/wildcard-preview";
import { EmptyState } from "@/components/ui/states";

export const PAGE_SIZE = 50;

export type OriginFilter = "all" | "problems" | "wildcards" | "expiring";
export interface ListView {
  query: string;
  filter: OriginFilter;
  page: number;
}
export const INITIAL_VIEW: ListView = { query: "", filter: "all", page: 0 };

const FILTERS: { value: OriginFilter; label: string }[] = [
  { value: "all", label: "All entries" },
  { value: "problems", label: "With findings" },
  { value: "wildcards", label: "Wildcards" },
  { value: "expiring", label: "Expiring or expired" },
];

/**
 * The allowlist, one page at a time (5,000 entries stay fast: only one page of
 * rows is in the DOM), with a filter box and a findings filter.
 */
export function OriginList({
  origins,
  lint,
  readOnly,
  now,
  view,
  onViewChange,
  onChange,
  onRemove,
  onFix,
}: {
  origins: readonly EditorOrigin[];
  lint: LintResult;
  readOnly: boolean;
  now: number;
  view: ListView;
  onViewChange: (view: ListView) => void;
  onChange: (key: string, patch: OriginPatch) => void;
  onRemove: (key: string) => void;
  onFix: (finding: LintFinding) => void;
}) {
  const id = useId();
  const listRef = useRef<HTMLUListElement>(null);
  // Keyboard users: after a removal, focus moves to the Remove button of the row that takes its place.
  const removeKeepingFocus = useCallback(
    (key: string) => {
      const rowsBefore = Array.from(listRef.current?.querySelectorAll<HTMLElement>("li[data-key]") ?? []);
      const at = rowsBefore.findIndex((li) => li.dataset.key === key);
      onRemove(key);
      requestAnimationFrame(() => {
        const rowsAfter = listRef.current?.querySelectorAll<HTMLElement>("li[data-key]");
        if (!rowsAfter || rowsAfter.length === 0) return;
        const row = rowsAfter[Math.min(Math.max(at, 0), rowsAfter.length - 1)];
        row?.querySelector<HTMLElement>("[data-action=remove]")?.focus();
      });
    },
    [onRemove],
  );
  const positions = useMemo(() => {
    const q = view.query.trim().toLowerCase();
    const out: number[] = [];
    origins.forEach((o, i) => {
      if (q && !o.value.toLowerCase().includes(q) && !o.note.toLowerCase().includes(q)) return;
      if (view.filter === "problems" && !lint.byKey.has(o.key)) return;
      if (view.filter === "wildcards" && !isWildcard(o.value)) return;
      if (view.filter === "expiring" && !o.expiresAt) return;
      out.push(i);
    });
    return out;
  }, [origins, lint, view.query, view.filter]);

  const pages = Math.max(1, Math.ceil(positions.length / PAGE_SIZE));
  const page = Math.min(view.page, pages - 1);
  const shown = positions.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const filtered = view.query.trim() !== "" || view.filter !== "all";

  return (
    <div className="flex flex-col gap-2">
      {origins.length > 0 ? (
        <div className="flex flex-wrap items-end gap-2">
          <div className="flex min-w-0 flex-1 basis-56 flex-col gap-1">
            <label htmlFor={`${id}-q`} className="text-sm font-medium text-slate-800">
              Filter origins
            </label>
            <input
              id={`${id}-q`}
              type="search"
              value={view.query}
              onChange={(e) => onViewChange({ ...view, query: e.target.value, page: 0 })}
              placeholder="Part of an origin or a note"
              className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm outline-none focus:ring-2 focus:ring-indigo-500"
            />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-f`} className="text-sm font-medium text-slate-800">
              Show
            </label>
            <select
              id={`${id}-f`}
              value={view.filter}
              onChange={(e) => onViewChange({ ...view, filter: e.target.value as OriginFilter, page: 0 })}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm outline-none focus:ring-2 focus:ring-indigo-500"
            >
              {FILTERS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </div>
        </div>
      ) : null}

      {origins.length === 0 ? (
        <EmptyState title="No origins yet">Nothing is allowed cross-origin. Add the origins of your web apps above — an empty list never means “*”.</EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState title="No entry matches">
          <button type="button" className="font-medium text-indigo-700 underline" onClick={() => onViewChange(INITIAL_VIEW)}>
            Clear the filter
          </button>
        </EmptyState>
      ) : (
        <>
          <div className={`hidden gap-2 border-b border-slate-200 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-600 2xl:grid ${ROW_COLUMNS}`} aria-hidden>
            <span className="text-right">#</span>
            <span>Origin</span>
            <span>Note</span>
            <span>Expires (UTC)</span>
            <span />
          </div>
          <PreviewOriginsContext value={lint.source.origins}>
            <ul ref={listRef} className="divide-y divide-slate-100" aria-label="Allowed origins">
              {shown.map((i) => {
                const origin = origins[i]!;
                return (
                  <OriginRow
                    key={origin.key}
                    origin={origin}
                    position={i + 1}
                    findings={lint.byKey.get(origin.key)}
                    readOnly={readOnly}
                    now={now}
                    onChange={onChange}
                    onRemove={removeKeepingFocus}
                    onFix={onFix}
                  />
                );
              })}
            </ul>
          </PreviewOriginsContext>
        </>
      )}

      {positions.length > PAGE_SIZE || (filtered && origins.length > 0) ? (
        <nav aria-label="Origin pages" className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 pt-2 text-sm text-slate-700">
          <span aria-live="polite">
            {positions.length === 0
              ? "No entries"
              : `Showing ${(page * PAGE_SIZE + 1).toLocaleString()}–${Math.min((page + 1) * PAGE_SIZE, positions.length).toLocaleString()} of ${positions.length.toLocaleString()}`}
            {filtered ? ` (filtered from ${origins.length.toLocaleString()})` : ""}
          </span>
          {pages > 1 ? (
            <span className="flex items-center gap-1">
              <button
                type="button"
                disabled={page === 0}
                onClick={() => onViewChange({ ...view, page: page - 1 })}
                className="rounded-md px-2 py-1 font-medium ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:text-slate-400"
              >
                Previous<span className="sr-only"> page</span>
              </button>
              <span className="px-1 tabular-nums">
                Page {page + 1} of {pages}
              </span>
              <button
                type="button"
                disabled={page >= pages - 1}
                onClick={() => onViewChange({ ...view, page: page + 1 })}
                className="rounded-md px-2 py-1 font-medium ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:text-slate-400"
              >
                Next<span className="sr-only"> page</span>
              </button>
            </span>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
