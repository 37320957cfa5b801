import { prisma } from "@/lib/server/db/client";
import type { Prisma } from "@/lib/server/db/generated/client";
import type { AuditQuery } from "@/lib/api/schemas/audit";

type AuditFilters = Pick<AuditQuery, "action" | "targetType" | "actor" | "project" | "environment" | "from" | "to">;

/** Matches nothing: a filter naming an unknown project or environment finds no events (not every event). */
const NONE = "-none-";

/** The audit filters shared by the list and the export, as a Prisma where clause. */
export async function auditWhere(query: AuditFilters): Promise<Prisma.AuditEventWhereInput> {
  const project = query.project ? await prisma.project.findUnique({ where: { slug: query.project }, select: { id: true } }) : null;
  let environmentIds: string[] | null = null;
  if (query.environment) {
    const envs = await prisma.environment.findMany({
      where: { slug: query.environment, ...(query.project ? { projectId: project?.id ?? NONE } : {}) },
      select: { id: true },
    });
    environmentIds = envs.length > 0 ? envs.map((e) => e.id) : [NONE];
  }
  return {
    ...(query.action ? { action: { startsWith: query.action } } : {}),
    ...(query.targetType ? { targetType: query.targetType } : {}),
    ...(query.actor ? { actorLabel: { contains: query.actor, mode: "insensitive" } } : {}),
    ...(query.project ? { projectId: project?.id ?? NONE } : {}),
    ...(environmentIds ? { environmentId: { in: environmentIds } } : {}),
    ...(query.from || query.to ? { at: { ...(query.from ? { gte: new Date(query.from) } : {}), ...(query.to ? { lte: new Date(query.to) } : {}) } } : {}),
  };
}
