import { orderEngines } from "@/lib/api/schemas/engines";
import type { MigrationReport, MigrationReportSummary, MigrationRow, MigrationScopeEntry, MigrationSummary } from "@/lib/api/schemas/migration-check";

interface ReportRow {
  id: string;
  oldOrigin: string;
  newOrigin: string;
  scope: unknown;
  summary: unknown;
  rows?: unknown;
  engines: string[];
  createdByLabel: string;
  createdAt: Date;
}

/** A stored report (JSON columns written by runMigrationCheck) as the API returns it, without its rows. */
export function toMigrationReportSummary(row: ReportRow): MigrationReportSummary {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdByLabel,
    oldOrigin: row.oldOrigin,
    newOrigin: row.newOrigin,
    scope: row.scope as MigrationScopeEntry[],
    summary: row.summary as MigrationSummary,
    engines: orderEngines(row.engines),
  };
}

export function toMigrationReport(row: ReportRow): MigrationReport {
  return { ...toMigrationReportSummary(row), rows: (row.rows ?? []) as MigrationRow[] };
}
