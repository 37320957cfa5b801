import type { MigrationReportPage } from "@/lib/api/schemas/migration-check";
import { prisma } from "@/lib/server/db/client";
import { toMigrationReportSummary } from "./report-dto";

/**
 * Saved reports, newest first (without their rows), a page at a time:
 * `cursor` is the `nextCursor` of the previous page (the id of its last
 * report), so reports saved meanwhile neither repeat nor shift the pages.
 * `nextCursor` is null on the last page.
 */
export async function listMigrationReports(limit = 50, cursor?: string): Promise<MigrationReportPage> {
  const rows = await prisma.migrationReport.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select: { id: true, oldOrigin: true, newOrigin: true, scope: true, summary: true, engines: true, createdByLabel: true, createdAt: true },
  });
  const page = rows.slice(0, limit);
  return { reports: page.map(toMigrationReportSummary), nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
}
