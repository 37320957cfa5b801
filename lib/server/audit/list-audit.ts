import { prisma } from "@/lib/server/db/client";
import type { AuditEvent, AuditQuery } from "@/lib/api/schemas/audit";

/** Audit events, newest first, filtered; `nextBefore` pages further back. */
export async function listAudit(query: AuditQuery): Promise<{ events: AuditEvent[]; nextBefore: string | null }> {
  const project = query.project ? await prisma.project.findUnique({ where: { slug: query.project }, select: { id: true } }) : null;
  const rows = await prisma.auditEvent.findMany({
    where: {
      ...(query.action ? { action: { startsWith: query.action } } : {}),
      ...(query.targetType ? { targetType: query.targetType } : {}),
      ...(query.actor ? { actorLabel: { contains: query.actor, mode: "insensitive" } } : {}),
      ...(query.project ? { projectId: project?.id ?? "-none-" } : {}),
      ...(query.from || query.to ? { at: { ...(query.from ? { gte: new Date(query.from) } : {}), ...(query.to ? { lte: new Date(query.to) } : {}) } } : {}),
      ...(query.before ? { id: { lt: BigInt(query.before) } } : {}),
    },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    events: page.map((r) => ({
      id: r.id.toString(),
      at: r.at.toISOString(),
      actor: r.actorLabel,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      projectId: r.projectId,
      environmentId: r.environmentId,
      before: r.before ?? null,
      after: r.after ?? null,
    })),
    nextBefore: rows.length > query.limit ? (page.at(-1)?.id.toString() ?? null) : null,
  };
}
