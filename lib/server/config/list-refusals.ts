import { prisma } from "@/lib/server/db/client";
import type { ObservedRefusals, RefusalKind } from "@/lib/api/schemas/config";
import { findEnvironment } from "@/lib/server/environments/find-environment";
import { bucketStart, REFUSAL_BUCKET_MS } from "@/lib/server/config/record-refusals";

const WINDOW_MINUTES = 60;

/**
 * What the services of an environment refused in the last hour (the current
 * 5-minute bucket and the 11 before it), by reason kind and what was refused,
 * most frequent first — the editor's hints next to the setting that fixes it.
 */
export async function listRefusals(projectSlug: string, environmentSlug: string, now = Date.now()): Promise<ObservedRefusals> {
  const env = await findEnvironment(prisma, projectSlug, environmentSlug);
  const since = new Date(bucketStart(now).getTime() - (WINDOW_MINUTES * 60_000 - REFUSAL_BUCKET_MS));
  const rows = await prisma.observedRefusal.groupBy({
    by: ["kind", "detail"],
    where: { environmentId: env.id, bucketStart: { gte: since } },
    _sum: { count: true },
  });
  return {
    project: env.projectSlug,
    environment: env.slug,
    windowMinutes: WINDOW_MINUTES,
    refusals: rows
      .map((r) => ({ kind: r.kind as RefusalKind, detail: r.detail, count: Number(r._sum.count ?? 0) }))
      .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind) || a.detail.localeCompare(b.detail)),
  };
}
