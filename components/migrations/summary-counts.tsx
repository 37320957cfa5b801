import type { MigrationSummary } from "@/lib/api/schemas/migration-check";

const ITEMS: { key: keyof MigrationSummary; label: string; tone: string }[] = [
  { key: "ready", label: "ready", tone: "text-green-800" },
  { key: "oldOnly", label: "old only", tone: "text-red-800" },
  { key: "neither", label: "neither", tone: "text-slate-800" },
  { key: "partial", label: "partial", tone: "text-amber-900" },
  { key: "authBeforeCors", label: "auth before CORS", tone: "text-red-800" },
  { key: "drift", label: "drift", tone: "text-amber-900" },
  { key: "unreachable", label: "unreachable", tone: "text-amber-900" },
];

/** The report's counts per class (endpoints), auth before CORS, drift and unreachable included. */
export function SummaryCounts({ summary }: { summary: MigrationSummary }) {
  return (
    <dl aria-label="Summary" className="grid grid-cols-3 gap-2 sm:grid-cols-7">
      {ITEMS.map((item) => (
        <div key={item.key} data-testid={`summary-${item.key}`} className="rounded-md border border-slate-200 px-3 py-2">
          <dt className="text-xs text-slate-600">{item.label}</dt>
          {/* Reports saved before a count existed have none of that class. */}
          <dd className={`text-xl font-semibold ${(summary[item.key] ?? 0) > 0 ? item.tone : "text-slate-400"}`}>{summary[item.key] ?? 0}</dd>
        </div>
      ))}
    </dl>
  );
}
