import type { MigrationReport } from "@/lib/api/schemas/migration-check";
import { prisma } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors";
import { toMigrationReport } from "./report-dto";

/** One saved report with its matrix, or 404. */
export async function getMigrationReport(id: string): Promise<MigrationReport> {
  const row = await prisma.migrationReport.findUnique({ where: { id } });
  if (!row) throw notFound(`Migration report "${id}"`);
  return toMigrationReport(row);
}
