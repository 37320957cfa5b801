import { prisma } from "@/lib/server/db/client";
import type { AuditExportQuery } from "@/lib/api/schemas/audit";
import { auditWhere } from "@/lib/server/audit/audit-filter";
import { toAuditEventDto } from "@/lib/server/audit/audit-event-dto";
import { resolveAuditNames } from "@/lib/server/audit/audit-names";
import { csvRecord } from "@/lib/server/http/csv";

export const AUDIT_CSV_COLUMNS = ["id", "at", "actor", "action", "targetType", "targetId", "project", "environment", "projectId", "environmentId", "before", "after"] as const;

/**
 * The audit events matching the filters (newest first, up to `limit`) as a
 * file: JSON (`{exportedAt, filters, events}`) or CSV with one row per event,
 * project and environment slugs resolved, before/after as JSON text.
 */
export async function exportAudit(query: AuditExportQuery, now = new Date()): Promise<{ body: string; contentType: string; filename: string }> {
  const rows = await prisma.auditEvent.findMany({ where: await auditWhere(query), orderBy: { id: "desc" }, take: query.limit });
  const names = await resolveAuditNames(rows);
  const events = rows.map((r) => toAuditEventDto(r, names));
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const { format, limit: _limit, ...filters } = query;
  if (format === "json") {
    return {
      body: JSON.stringify({ exportedAt: now.toISOString(), filters, events }, null, 2),
      contentType: "application/json; charset=utf-8",
      filename: `corsboard-audit-${stamp}.json`,
    };
  }
  let body = csvRecord(AUDIT_CSV_COLUMNS);
  for (const e of events) {
    body += csvRecord([
      e.id,
      e.at,
      e.actor,
      e.action,
      e.targetType,
      e.targetId,
      e.project ?? "",
      e.environment ?? "",
      e.projectId,
      e.environmentId,
      e.before === null ? "" : JSON.stringify(e.before),
      e.after === null ? "" : JSON.stringify(e.after),
    ]);
  }
  return { body, contentType: "text/csv; charset=utf-8", filename: `corsboard-audit-${stamp}.csv` };
}
