"use client";
import Link from "next/link";
import { useMigrationReport, migrationExportUrl } from "@/lib/queries/migrations";
import { Card } from "@/components/ui/card";
import { ErrorState, Loading } from "@/components/ui/states";
import { usePermissions } from "@/lib/queries/permissions";
import { ApplyPanel } from "@/components/migrations/apply-panel";
import { MigrationMatrix } from "@/components/migrations/migration-matrix";
import { SummaryCounts } from "@/components/migrations/summary-counts";

const EXPORTS = [
  { format: "json", label: "JSON" },
  { format: "csv", label: "CSV" },
  { format: "md", label: "Markdown" },
] as const;

const linkButton = "inline-flex items-center rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50";

/** A saved migration check: who ran it when, the counts, the fix, the matrix and its exports. */
export function ReportView({ id }: { id: string }) {
  const { data, error, isPending, refetch } = useMigrationReport(id);
  const { canEdit } = usePermissions();
  if (isPending) return <Loading label="Loading report…" />;
  if (error) return <ErrorState error={error} retry={() => void refetch()} />;
  const { report, drafts } = data;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <Link href="/migrations" className="text-sm text-indigo-700 hover:underline">
          ← All migration checks
        </Link>
        <h1 className="[overflow-wrap:anywhere] text-2xl font-semibold tracking-tight text-slate-900">
          {report.oldOrigin} <span className="text-slate-400">→</span> {report.newOrigin}
        </h1>
        <p className="text-sm text-slate-600">
          Run <time dateTime={report.createdAt}>{new Date(report.createdAt).toLocaleString()}</time> by {report.createdBy} · {report.summary.endpoints} endpoints, {report.summary.probes} probes
        </p>
      </div>
      <Card
        title="Summary"
        actions={
          <div className="flex flex-wrap gap-2" aria-label="Export">
            {EXPORTS.map((e) => (
              <a key={e.format} href={migrationExportUrl(report.id, e.format)} download className={linkButton}>
                Export {e.label}
              </a>
            ))}
          </div>
        }
      >
        <SummaryCounts summary={report.summary} />
      </Card>
      <Card title="Fix the drafts">
        <ApplyPanel report={report} drafts={drafts} canEdit={canEdit} />
      </Card>
      <Card title="Matrix">
        <p className="mb-3 text-xs text-slate-600">
          Each cell: what the live service did (server-side probe, decided like Chromium), the published allowlist&apos;s verdict for the same request beside it, and DRIFT where they disagree. The JSON POST is checked up to its preflight; the POST itself is not sent.
        </p>
        <MigrationMatrix report={report} drafts={drafts} />
      </Card>
    </div>
  );
}
