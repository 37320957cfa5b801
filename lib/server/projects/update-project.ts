import { prisma } from "@/lib/server/db/client";
import type { UpdateProjectRequest } from "@/lib/api/schemas/editing";
import type { ProjectDetail } from "@/lib/api/schemas/project";
import type { Actor } from "@/lib/server/auth/actor";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { notFound, validationFailed } from "@/lib/server/errors";
import { getProject } from "@/lib/server/projects/get-project";
import { EDIT_TX } from "@/lib/server/tx-options";

/** Rename a project, change its description, archive or unarchive it; audited with before/after. */
export async function updateProject(actor: Actor, slug: string, input: UpdateProjectRequest): Promise<ProjectDetail> {
  if (input.name === undefined && input.description === undefined && input.archived === undefined) {
    throw validationFailed([{ field: "body", code: "empty", message: "Send at least one of name, description or archived." }]);
  }
  await prisma.$transaction(async (tx) => {
    const current = await tx.project.findUnique({ where: { slug } });
    if (!current) throw notFound(`Project "${slug}"`);
    const before = { name: current.name, description: current.description, archived: current.archivedAt !== null };
    const after = {
      name: input.name ?? before.name,
      description: input.description === undefined ? before.description : input.description || null,
      archived: input.archived ?? before.archived,
    };
    if (before.name === after.name && before.description === after.description && before.archived === after.archived) return;
    await tx.project.update({
      where: { id: current.id },
      data: {
        name: after.name,
        description: after.description,
        archivedAt: after.archived === before.archived ? current.archivedAt : after.archived ? new Date() : null,
      },
    });
    const action = after.archived !== before.archived ? (after.archived ? "project.archive" : "project.unarchive") : "project.update";
    await recordAudit(tx, actor, { action, targetType: "project", targetId: current.id, projectId: current.id, before, after });
  }, EDIT_TX);
  return getProject(slug);
}
