"use client";
import type { LintFinding, LintSeverity } from "@/lib/cors";


const SEVERITY: Record<LintSeverity, { label: string; className: string; icon: string }> = {
  error: { label: "Error", className: "bg-red-50 text-red-800 ring-red-300", icon: "✕" },
  warning: { label: "Warning", className: "bg-amber-50 text-amber-900 ring-amber-300", icon: "!" },
  info: { label: "Note", className: "bg-slate-100 text-slate-700 ring-slate-300", icon: "i" },
};

export function SeverityBadge({ severity }: { severity: LintSeverity }) {
  const s = SEVERITY[severity];
  return (
    <span className={`inline-flex shrink-0 items-center gap-1 rounded px-1.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${s.className}`}>
      <span aria-hidden>{s.icon}</span>
      {s.label}
    </span>
  );
}

/**
 * Lint findings with their one-click fixes. Used inline next to an origin or
 * a field (`compact`), and as the full list in the publish dialog.
 */
export function FindingList({
  findings,
  onFix,
  disabled = false,
  id,
  compact = false,
}: {
  /** Core findings, or the server's copies of them (the same type: lib/api/schemas/editing.ts). */
  findings: readonly LintFinding[];
  onFix?: (finding: LintFinding) => void;
  disabled?: boolean;
  id?: string;
  compact?: boolean;
}) {
  if (findings.length === 0) return null;
  return (
    <ul id={id} className={`flex flex-col gap-1.5 ${compact ? "mt-1.5" : ""}`} aria-label="Findings">
      {findings.map((finding, i) => (
        <li key={`${finding.code}-${i}`} data-severity={finding.severity} className="flex flex-wrap items-start gap-x-2 gap-y-1 text-sm">
          <SeverityBadge severity={finding.severity} />
          <span className={`min-w-0 flex-1 basis-60 break-words ${finding.severity === "error" ? "text-red-900" : "text-slate-700"}`}>{finding.message}</span>
          {finding.fix && onFix ? (
            <button
              type="button"
              disabled={disabled}
              onClick={() => onFix(finding)}
              className="max-w-full shrink-0 break-all rounded-md bg-white px-2 py-1 text-left text-xs font-medium text-indigo-800 ring-1 ring-inset ring-indigo-300 hover:bg-indigo-50 disabled:cursor-not-allowed disabled:text-slate-400 disabled:ring-slate-200"
            >
              {finding.fix.label}
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
