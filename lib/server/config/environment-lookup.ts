import { prisma } from "@/lib/server/db/client";
import type { ChangeListener } from "@/lib/server/config/change-listener";

export interface EnvironmentIds {
  projectId: string;
  environmentId: string;
}

/**
 * Project/environment slugs → ids for admin tokens (config tokens carry
 * their own). Slugs never change once created, so found pairs are kept;
 * misses are not (a new environment is found at once). A listener resync
 * clears it like every other cache.
 */
export interface EnvironmentLookup {
  find(projectSlug: string, environmentSlug: string): Promise<EnvironmentIds | null>;
  /** From memory, or undefined when it needs a database read (then call find). */
  findNow(projectSlug: string, environmentSlug: string): EnvironmentIds | undefined;
  clear(): void;
}

const MAX_ENTRIES = 10_000;

export function createEnvironmentLookup(listener: ChangeListener): EnvironmentLookup {
  const found = new Map<string, EnvironmentIds>();
  return {
    findNow(projectSlug, environmentSlug) {
      return listener.isLive() ? found.get(`${projectSlug}/${environmentSlug}`) : undefined;
    },
    async find(projectSlug, environmentSlug) {
      const key = `${projectSlug}/${environmentSlug}`;
      const hit = listener.isLive() ? found.get(key) : undefined;
      if (hit) return hit;
      const row = await prisma.environment.findFirst({
        where: { slug: environmentSlug, project: { slug: projectSlug } },
        select: { id: true, projectId: true },
      });
      if (!row) return null;
      const ids = { projectId: row.projectId, environmentId: row.id };
      if (listener.isLive()) {
        if (found.size >= MAX_ENTRIES) found.clear();
        found.set(key, ids);
      }
      return ids;
    },
    clear: () => found.clear(),
  };
}
