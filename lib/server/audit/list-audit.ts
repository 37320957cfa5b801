import { prisma } from "@/lib/server/db/client";
import type { AuditEvent, AuditQuery } from "@/lib/api/schemas/audit";
import { auditWhere } from "@/lib/server/audit/audit-filter";
import { toAuditEventDto } from "@/lib/server/audit/audit-event-dto";

/** Audit events, newest first, filtered; `nextBefore` pages further back. */
export async function listAudit(query: AuditQuery): Promise<{ events: AuditEvent[]; nextBefore: string | null }> {
  const rows = await prisma.auditEvent.findMany({
    where: { ...(await auditWhere(query)), ...(query.before ? { id: { lt: BigInt(query.before) } } : {}) },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    events: page.map(toAuditEventDto),
    nextBefore: rows.length > query.limit ? (page.at(-1)?.id.toString() ?? null) : null,
  };
}
