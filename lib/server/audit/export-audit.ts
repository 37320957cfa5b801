import { prisma } from "@/lib/server/db/client";
import type { AuditExportQuery } from "@/lib/api/schemas/audit";
import { auditWhere } from "@/lib/server/audit/audit-filter";
import { toAuditEventDto } from "@/lib/server/audit/audit-event-dto";
import { csvRecord } from "@/lib/server/http/csv";

export const AUDIT_CSV_COLUMNS = ["id", "at", "actor", "action", "targetType", "targetId", "project", "environment", "projectId", "environmentId", "before", "after"] as const;

/**
 * The audit events matching the filters (newest first, up to `limit`) as a
 * file: JSON (`{exportedAt, filters, events}`) or CSV with one row per event,
 * project and environment slugs resolved, before/after as JSON text.
 */
export async function exportAudit(query: AuditExportQuery, now = new Date()): Promise<{ body: string; contentType: string; filename: string }> {
  const rows = await prisma.auditEvent.findMany({ where: await auditWhere(query), orderBy: { id: "desc" }, take: query.limit });
  const events = rows.map(toAuditEventDto);
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const { format, limit: _limit, ...filters } = query;
  if (format === "json") {
    return {
      body: JSON.stringify({ exportedAt: now.toISOString(), filters, events }, null, 2),
      contentType: "application/json; charset=utf-8",
      filename: `corsboard-audit-${stamp}.json`,
    };
  }
  const projectIds = [...new Set(events.map((e) => e.projectId).filter((id): id is string => id !== null))];
  const environmentIds = [...new Set(events.map((e) => e.environmentId).filter((id): id is string => id !== null))];
  const [projects, environments] = await Promise.all([
    prisma.project.findMany({ where: { id: { in: projectIds } }, select: { id: true, slug: true } }),
    prisma.environment.findMany({ where: { id: { in: environmentIds } }, select: { id: true, slug: true } }),
  ]);
  const projectSlug = new Map(projects.map((p) => [p.id, p.slug]));
  const environmentSlug = new Map(environments.map((e) => [e.id, e.slug]));
  let body = csvRecord(AUDIT_CSV_COLUMNS);
  for (const e of events) {
    body += csvRecord([
      e.id,
      e.at,
      e.actor,
      e.action,
      e.targetType,
      e.targetId,
      e.projectId ? (projectSlug.get(e.projectId) ?? "") : "",
      e.environmentId ? (environmentSlug.get(e.environmentId) ?? "") : "",
      e.projectId,
      e.environmentId,
      e.before === null ? "" : JSON.stringify(e.before),
      e.after === null ? "" : JSON.stringify(e.after),
    ]);
  }
  return { body, contentType: "text/csv; charset=utf-8", filename: `corsboard-audit-${stamp}.csv` };
}
