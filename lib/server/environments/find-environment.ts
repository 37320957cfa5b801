import type { Tx } from "@/lib/server/db/types";
import { conflict, notFound } from "@/lib/server/errors";

/** An environment with what operations need to know about its project. */
export interface EnvironmentRef {
  id: string;
  slug: string;
  name: string;
  position: number;
  protected: boolean;
  baseUrls: string[];
  createdAt: Date;
  projectId: string;
  projectSlug: string;
  projectName: string;
  archived: boolean;
}

/** The environment `environmentSlug` of project `projectSlug`, or 404 naming what is missing. */
export async function findEnvironment(db: Tx, projectSlug: string, environmentSlug: string): Promise<EnvironmentRef> {
  const project = await db.project.findUnique({ where: { slug: projectSlug }, select: { id: true, slug: true, name: true, archivedAt: true } });
  if (!project) throw notFound(`Project "${projectSlug}"`);
  const env = await db.environment.findUnique({ where: { projectId_slug: { projectId: project.id, slug: environmentSlug } } });
  if (!env) throw notFound(`Environment "${environmentSlug}" of project "${projectSlug}"`);
  return {
    id: env.id,
    slug: env.slug,
    name: env.name,
    position: env.position,
    protected: env.protected,
    baseUrls: env.baseUrls,
    createdAt: env.createdAt,
    projectId: project.id,
    projectSlug: project.slug,
    projectName: project.name,
    archived: project.archivedAt !== null,
  };
}

/** Archived projects are read-only until unarchived. */
export function assertEditable(target: { archived: boolean; projectSlug: string }): void {
  if (target.archived) {
    throw conflict("project_archived", `Project "${target.projectSlug}" is archived: unarchive it (PATCH the project with "archived": false) before changing it.`);
  }
}

/**
 * Serialises the operations that create versions of one environment (publish,
 * approve, rollback): the row lock makes "latest number + 1" safe. Lock order
 * is always environment, then draft. Returns the environment as it is once
 * locked (an admin may have just changed `protected`).
 */
export async function lockEnvironment<E extends { id: string; protected: boolean; name: string }>(tx: Tx, env: E): Promise<E> {
  await tx.$queryRaw`SELECT "id" FROM "environment" WHERE "id" = ${env.id} FOR NO KEY UPDATE`;
  const fresh = await tx.environment.findUniqueOrThrow({ where: { id: env.id }, select: { protected: true, name: true } });
  return { ...env, protected: fresh.protected, name: fresh.name };
}
