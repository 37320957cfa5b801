import { prisma } from "@/lib/server/db/client";
import type { ProjectDetail } from "@/lib/api/schemas/project";
import type { Actor } from "@/lib/server/auth/actor";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { notFound, validationFailed } from "@/lib/server/errors";
import { assertEditable } from "@/lib/server/environments/find-environment";
import { getProject } from "@/lib/server/projects/get-project";
import { EDIT_TX } from "@/lib/server/tx-options";

/** Put a project's environments in a new order: `order` lists every environment slug exactly once. */
export async function reorderEnvironments(actor: Actor, projectSlug: string, order: string[]): Promise<ProjectDetail> {
  await prisma.$transaction(async (tx) => {
    const project = await tx.project.findUnique({ where: { slug: projectSlug }, select: { id: true, slug: true, archivedAt: true } });
    if (!project) throw notFound(`Project "${projectSlug}"`);
    assertEditable({ archived: project.archivedAt !== null, projectSlug: project.slug });
    await tx.$queryRaw`SELECT "id" FROM "project" WHERE "id" = ${project.id} FOR NO KEY UPDATE`;
    const envs = await tx.environment.findMany({ where: { projectId: project.id }, orderBy: { position: "asc" }, select: { id: true, slug: true } });
    const known = new Set(envs.map((e) => e.slug));
    const seen = new Set<string>();
    const errors = order.flatMap((slug, i) => {
      if (!known.has(slug)) return [{ field: `body.order.${i}`, code: "unknown", message: `There is no environment "${slug}" in ${projectSlug}.` }];
      if (seen.has(slug)) return [{ field: `body.order.${i}`, code: "duplicate", message: `"${slug}" is listed twice: list each environment once.` }];
      seen.add(slug);
      return [];
    });
    const missing = envs.filter((e) => !order.includes(e.slug)).map((e) => e.slug);
    if (missing.length > 0) errors.push({ field: "body.order", code: "missing", message: `List every environment; missing: ${missing.join(", ")}.` });
    if (errors.length > 0) throw validationFailed(errors);
    const before = envs.map((e) => e.slug);
    if (before.join(",") === order.join(",")) return;
    const bySlug = new Map(envs.map((e) => [e.slug, e.id]));
    for (const [position, slug] of order.entries()) {
      await tx.environment.update({ where: { id: bySlug.get(slug) as string }, data: { position } });
    }
    await recordAudit(tx, actor, { action: "environment.reorder", targetType: "project", targetId: project.id, projectId: project.id, before: { order: before }, after: { order } });
  }, EDIT_TX);
  return getProject(projectSlug);
}
