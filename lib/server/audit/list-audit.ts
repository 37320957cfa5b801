import { prisma } from "@/lib/server/db/client";
import type { AuditEvent, AuditQuery } from "@/lib/api/schemas/audit";
import { auditWhere } from "@/lib/server/audit/audit-filter";
import { toAuditEventDto } from "@/lib/server/audit/audit-event-dto";
import { resolveAuditNames } from "@/lib/server/audit/audit-names";

/** Audit events, newest first, filtered, with the names of what they refer to; `nextBefore` pages further back. */
export async function listAudit(query: AuditQuery): Promise<{ events: AuditEvent[]; nextBefore: string | null }> {
  const rows = await prisma.auditEvent.findMany({
    where: { ...(await auditWhere(query)), ...(query.before ? { id: { lt: BigInt(query.before) } } : {}) },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const names = await resolveAuditNames(page);
  return {
    events: page.map((r) => toAuditEventDto(r, names)),
    nextBefore: rows.length > query.limit ? (page.at(-1)?.id.toString() ?? null) : null,
  };
}
