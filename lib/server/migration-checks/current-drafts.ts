import type { MigrationDraftState, MigrationScopeEntry } from "@/lib/api/schemas/migration-check";
import { prisma } from "@/lib/server/db/client";

/**
 * The current state of the drafts of a report's environments, read now: the
 * report itself is a snapshot of the check, but whether "add the new origin"
 * still has work to do depends on the drafts today (an apply, or someone's
 * edit, may have happened since). One query for all projects.
 */
export async function currentDrafts(scope: readonly Pick<MigrationScopeEntry, "project" | "environment">[], oldOrigin: string, newOrigin: string): Promise<MigrationDraftState[]> {
  const projects = await prisma.project.findMany({
    where: { slug: { in: [...new Set(scope.map((s) => s.project))] } },
    select: {
      slug: true,
      archivedAt: true,
      environments: {
        select: { slug: true, draft: { select: { revision: true, origins: { where: { value: { in: [oldOrigin, newOrigin] } }, select: { value: true, expiresAt: true } } } } },
      },
    },
  });
  const seen = new Set<string>();
  const out: MigrationDraftState[] = [];
  for (const s of scope) {
    const key = `${s.project}/${s.environment}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const project = projects.find((p) => p.slug === s.project);
    const env = project?.environments.find((e) => e.slug === s.environment);
    const origins = env?.draft?.origins ?? [];
    const old = origins.find((o) => o.value === oldOrigin);
    out.push({
      project: s.project,
      environment: s.environment,
      exists: env !== undefined,
      archived: project?.archivedAt != null,
      revision: env?.draft?.revision ?? 0,
      hasNewOrigin: origins.some((o) => o.value === newOrigin),
      hasOldOrigin: old !== undefined,
      oldExpiresAt: old?.expiresAt ? old.expiresAt.toISOString() : null,
    });
  }
  return out;
}
