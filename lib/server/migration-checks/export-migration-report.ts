import type { MigrationExportFormat } from "@/lib/api/schemas/migration-check";
import { getMigrationReport } from "./get-migration-report";
import { renderReportCsv } from "./render-report-csv";
import { renderReportMarkdown } from "./render-report-markdown";

/** A saved report as a file (evidence for the migration): JSON, CSV or Markdown. */
export async function exportMigrationReport(id: string, format: MigrationExportFormat): Promise<{ body: string; contentType: string; filename: string }> {
  const report = await getMigrationReport(id);
  const stamp = report.createdAt.replace(/[:.]/g, "-");
  const base = `corsboard-migration-check-${stamp}`;
  if (format === "csv") return { body: renderReportCsv(report), contentType: "text/csv; charset=utf-8", filename: `${base}.csv` };
  if (format === "md") return { body: renderReportMarkdown(report), contentType: "text/markdown; charset=utf-8", filename: `${base}.md` };
  return { body: JSON.stringify(report, null, 2), contentType: "application/json; charset=utf-8", filename: `${base}.json` };
}
