import { prisma } from "@/lib/server/db/client";
import type { UpdateProjectRequest } from "@/lib/api/schemas/editing";
import type { ProjectDetail } from "@/lib/api/schemas/project";
import type { Actor } from "@/lib/server/auth/actor";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { notFound, validationFailed } from "@/lib/server/errors";
import { getProject } from "@/lib/server/projects/get-project";
import { EDIT_TX } from "@/lib/server/tx-options";

/** Rename a project, change its description or sample paths, archive or unarchive it; audited with before/after. */
export async function updateProject(actor: Actor, slug: string, input: UpdateProjectRequest): Promise<ProjectDetail> {
  if (input.name === undefined && input.description === undefined && input.archived === undefined && input.samplePaths === undefined) {
    throw validationFailed([{ field: "body", code: "empty", message: "Send at least one of name, description, samplePaths or archived." }]);
  }
  await prisma.$transaction(async (tx) => {
    const current = await tx.project.findUnique({ where: { slug } });
    if (!current) throw notFound(`Project "${slug}"`);
    const before = { name: current.name, description: current.description, archived: current.archivedAt !== null, samplePaths: current.samplePaths };
    const after = {
      name: input.name ?? before.name,
      description: input.description === undefined ? before.description : input.description || null,
      archived: input.archived ?? before.archived,
      samplePaths: input.samplePaths ?? before.samplePaths,
    };
    const samePaths = before.samplePaths.length === after.samplePaths.length && before.samplePaths.every((p, i) => p === after.samplePaths[i]);
    if (before.name === after.name && before.description === after.description && before.archived === after.archived && samePaths) return;
    await tx.project.update({
      where: { id: current.id },
      data: {
        name: after.name,
        description: after.description,
        samplePaths: after.samplePaths,
        archivedAt: after.archived === before.archived ? current.archivedAt : after.archived ? new Date() : null,
      },
    });
    const action = after.archived !== before.archived ? (after.archived ? "project.archive" : "project.unarchive") : "project.update";
    // Sample paths go in the audit entry only when they changed (keeps the usual before/after short).
    const paths = (v: typeof before) => (samePaths ? { name: v.name, description: v.description, archived: v.archived } : v);
    await recordAudit(tx, actor, { action, targetType: "project", targetId: current.id, projectId: current.id, before: paths(before), after: paths(after) });
  }, EDIT_TX);
  return getProject(slug);
}
