"use client";
import { memo, useState } from "react";
import type { LintFinding } from "@/lib/cors";
import { dateFromExpiry, dateInDays, expiryFromDate, type EditorOrigin } from "@/components/editor/draft-model";
import { FindingList } from "@/components/editor/finding-list";
import { formatTime } from "@/components/editor/format";
import { RelativeTime } from "@/components/ui/relative-time";
import { WildcardPreview } from "@/components/editor/wildcard-preview";
import { Badge } from "@/components/ui/badge";

export type OriginPatch = Partial<Pick<EditorOrigin, "value" | "note" | "expiresAt">>;

const inputClass =
  "w-full min-w-0 rounded-md border bg-white px-2.5 py-1.5 text-sm shadow-sm outline-none focus:ring-2 focus:ring-indigo-500 disabled:bg-slate-50 disabled:text-slate-700";

/** Columns of a row on the widest screens (the list's header row uses the same). Below 2xl (1536 px) note and expiry go on a second line: at 1280 px, beside the editor's side column, five columns left the origin ~200 px ("https://admin.storefront.exampl"). */
export const ROW_COLUMNS = "2xl:grid-cols-[2.5rem_minmax(0,2fr)_minmax(0,1.1fr)_9.5rem_5.5rem]";

/** A wildcard the preview can probe: `*`, a subdomain or a port wildcard. */
export const isWildcard = (value: string) => value.includes("*");

/** One allowlist entry: value, note, expiry, its findings with fixes, and (for wildcards) the look-alike preview. */
export const OriginRow = memo(function OriginRow({
  origin,
  position,
  findings,
  readOnly,
  now,
  onChange,
  onRemove,
  onFix,
}: {
  origin: EditorOrigin;
  /** 1-based position in the whole list. */
  position: number;
  findings: readonly LintFinding[] | undefined;
  readOnly: boolean;
  now: number;
  onChange: (key: string, patch: OriginPatch) => void;
  onRemove: (key: string) => void;
  onFix: (finding: LintFinding) => void;
}) {
  const [previewOpen, setPreviewOpen] = useState(false);
  const list = findings ?? [];
  const hasError = list.some((f) => f.severity === "error");
  const expiresAt = origin.expiresAt ? Date.parse(origin.expiresAt) : null;
  const expired = expiresAt !== null && expiresAt <= now;
  const findingsId = `findings-${origin.key}`;
  const previewId = `preview-${origin.key}`;
  const label = origin.value.trim() || `origin ${position}`;

  const toggle = isWildcard(origin.value) ? (
    <button
      type="button"
      aria-expanded={previewOpen}
      aria-controls={previewOpen ? previewId : undefined}
      onClick={() => setPreviewOpen((v) => !v)}
      className="rounded-md px-2 py-0.5 text-xs font-medium text-indigo-800 ring-1 ring-inset ring-indigo-300 hover:bg-indigo-50"
    >
      {previewOpen ? "Hide look-alikes" : "Preview look-alikes"}
      <span className="sr-only"> for {label}</span>
    </button>
  ) : null;
  const hasExpiry = origin.expiresAt !== null && expiresAt !== null && !Number.isNaN(expiresAt);

  return (
    <li className="py-3" data-testid="origin-row" data-key={origin.key}>
      {/* Phone: number, origin and Remove on one line, note and expiry below. Wide: one line. */}
      <div className={`grid grid-cols-[1.75rem_minmax(0,1fr)_auto] items-start gap-2 sm:grid-cols-[2.5rem_minmax(0,1fr)_auto] ${ROW_COLUMNS}`}>
        <span className="row-start-1 pt-2 text-right text-xs tabular-nums text-slate-600" aria-hidden>
          {position}
        </span>
        <input
          aria-label={`Origin ${position}`}
          value={origin.value}
          title={origin.value}
          onChange={(e) => onChange(origin.key, { value: e.target.value })}
          disabled={readOnly}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          aria-invalid={hasError || undefined}
          aria-describedby={list.length > 0 ? findingsId : undefined}
          className={`${inputClass} col-start-2 row-start-1 font-mono ${hasError ? "border-red-500" : "border-slate-300"}`}
        />
        <div className="col-span-2 col-start-2 row-start-2 grid grid-cols-2 gap-2 2xl:contents">
          <input
            aria-label={`Note for origin ${position}`}
            placeholder={readOnly ? "" : "Note (optional)"}
            value={origin.note}
            maxLength={500}
            onChange={(e) => onChange(origin.key, { note: e.target.value })}
            disabled={readOnly}
            className={`${inputClass} border-slate-300 2xl:col-start-3 2xl:row-start-1`}
          />
          <input
            type="date"
            aria-label={`Expiry date of origin ${position}`}
            title="Expires at the start of this day (UTC); empty = never"
            value={dateFromExpiry(origin.expiresAt)}
            onChange={(e) => onChange(origin.key, { expiresAt: expiryFromDate(e.target.value) })}
            disabled={readOnly}
            className={`${inputClass} border-slate-300 2xl:col-start-4 2xl:row-start-1`}
          />
        </div>
        {!readOnly ? (
          <button
            type="button"
            data-action="remove"
            onClick={() => onRemove(origin.key)}
            className="col-start-3 row-start-1 rounded-md px-2 py-1.5 text-sm font-medium text-red-800 ring-1 ring-inset ring-red-300 hover:bg-red-50 2xl:col-start-5"
          >
            Remove<span className="sr-only"> {label}</span>
          </button>
        ) : null}
      </div>
      {hasExpiry || toggle ? (
        <div className="mt-1.5 flex flex-wrap items-center gap-x-2 gap-y-1 pl-9 text-xs sm:pl-12 text-slate-600">
          {toggle}
          {hasExpiry ? (
            <>
              {expired ? <Badge tone="red">expired</Badge> : <Badge tone="amber">temporary</Badge>}
              <span>
                {expired ? "Expired" : "Expires"} <RelativeTime iso={origin.expiresAt!} kind="deadline" /> ({formatTime(origin.expiresAt!)})
                {expired ? " — services ignore it." : ""}
              </span>
              {!readOnly ? (
                <button
                  type="button"
                  className="font-medium text-indigo-700 underline"
                  onClick={() => onChange(origin.key, { expiresAt: expired ? expiryFromDate(dateInDays(now, 7)) : null })}
                >
                  {expired ? "Extend 7 days" : "Keep for good"}
                  <span className="sr-only"> ({label})</span>
                </button>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
      <div className="pl-9 sm:pl-12">
        <FindingList id={findingsId} findings={list} onFix={onFix} disabled={readOnly} compact />
      </div>
      {previewOpen ? (
        <div className="sm:pl-12">
          <WildcardPreview id={previewId} value={origin.value} now={now} />
        </div>
      ) : null}
    </li>
  );
});
