import type { MigrationReport, MigrationReportResponse } from "@/lib/api/schemas/migration-check";
import { prisma } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors";
import { currentDrafts } from "./current-drafts";
import { toMigrationReport } from "./report-dto";

/** One saved report with its matrix, or 404. */
export async function getMigrationReport(id: string): Promise<MigrationReport> {
  const row = await prisma.migrationReport.findUnique({ where: { id } });
  if (!row) throw notFound(`Migration report "${id}"`);
  return toMigrationReport(row);
}

/** The saved report plus where its environments' drafts stand now (what the report page shows). */
export async function readMigrationReport(id: string): Promise<MigrationReportResponse> {
  const report = await getMigrationReport(id);
  return { report, drafts: await currentDrafts(report.scope, report.oldOrigin, report.newOrigin) };
}
