import { prisma, isUniqueViolation } from "@/lib/server/db/client";
import type { CreateEnvironmentRequest } from "@/lib/api/schemas/editing";
import type { EnvironmentSummary } from "@/lib/api/schemas/project";
import type { Actor } from "@/lib/server/auth/actor";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { conflict, notFound } from "@/lib/server/errors";
import { assertEditable } from "@/lib/server/environments/find-environment";
import { environmentSummaryInclude, toEnvironmentSummary } from "@/lib/server/projects/project-dto";
import { EDIT_TX } from "@/lib/server/tx-options";

/**
 * Add an environment at the end of a project's order, with an empty draft.
 * Creating it protected is allowed to editors (it only adds a review step);
 * changing the flag later needs an admin.
 */
export async function createEnvironment(actor: Actor, projectSlug: string, input: CreateEnvironmentRequest): Promise<EnvironmentSummary> {
  try {
    return await prisma.$transaction(async (tx) => {
      const project = await tx.project.findUnique({ where: { slug: projectSlug }, select: { id: true, slug: true, archivedAt: true } });
      if (!project) throw notFound(`Project "${projectSlug}"`);
      assertEditable({ archived: project.archivedAt !== null, projectSlug: project.slug });
      // Serialise with other environment changes of the project (positions).
      await tx.$queryRaw`SELECT "id" FROM "project" WHERE "id" = ${project.id} FOR NO KEY UPDATE`;
      const last = await tx.environment.findFirst({ where: { projectId: project.id }, orderBy: { position: "desc" }, select: { position: true } });
      const env = await tx.environment.create({
        data: { projectId: project.id, slug: input.slug, name: input.name, protected: input.protected, baseUrls: input.baseUrls, position: (last?.position ?? -1) + 1 },
      });
      await tx.policyDraft.create({ data: { environmentId: env.id, allowedMethods: [] } });
      const row = await tx.environment.findUniqueOrThrow({ where: { id: env.id }, include: environmentSummaryInclude });
      const summary = toEnvironmentSummary(row);
      await recordAudit(tx, actor, {
        action: "environment.create",
        targetType: "environment",
        targetId: env.id,
        projectId: project.id,
        environmentId: env.id,
        after: { slug: input.slug, name: input.name, protected: input.protected, baseUrls: input.baseUrls, position: summary.position },
      });
      return summary;
    }, EDIT_TX);
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw conflict("slug_taken", `Project "${projectSlug}" already has an environment "${input.slug}": choose another slug.`, {
        errors: [{ field: "body.slug", code: "taken", message: `"${input.slug}" is taken in this project: choose another slug.` }],
      });
    }
    throw e;
  }
}
