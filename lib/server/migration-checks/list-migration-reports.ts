import type { MigrationReportSummary } from "@/lib/api/schemas/migration-check";
import { prisma } from "@/lib/server/db/client";
import { toMigrationReportSummary } from "./report-dto";

/** Saved reports, newest first (without their rows). */
export async function listMigrationReports(limit = 50): Promise<MigrationReportSummary[]> {
  const rows = await prisma.migrationReport.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, oldOrigin: true, newOrigin: true, scope: true, summary: true, createdByLabel: true, createdAt: true },
  });
  return rows.map(toMigrationReportSummary);
}
