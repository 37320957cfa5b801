import { prisma } from "@/lib/server/db/client";
import { environmentSummaryInclude, toProjectSummary } from "@/lib/server/projects/project-dto";

/** Projects with their environments in order; archived ones only when asked. */
export async function listProjects(options: { includeArchived?: boolean } = {}) {
  const rows = await prisma.project.findMany({
    where: options.includeArchived ? {} : { archivedAt: null },
    orderBy: { name: "asc" },
    include: { environments: { orderBy: { position: "asc" }, include: environmentSummaryInclude } },
  });
  return rows.map(toProjectSummary);
}
