import { prisma } from "@/lib/server/db/client";
import type { ObservedOrigin, RefusalKind } from "@/lib/api/schemas/config";
import { findEnvironment } from "@/lib/server/environments/find-environment";

/** The origins services of an environment reported, most recently seen first. */
export async function listObserved(
  projectSlug: string,
  environmentSlug: string,
  options: { verdict: "allowed" | "rejected" | "all"; limit: number },
): Promise<{ project: string; environment: string; origins: ObservedOrigin[] }> {
  const env = await findEnvironment(prisma, projectSlug, environmentSlug);
  const rows = await prisma.observedOrigin.findMany({
    where: {
      environmentId: env.id,
      ...(options.verdict === "allowed" ? { allowedCount: { gt: 0 } } : options.verdict === "rejected" ? { rejectedCount: { gt: 0 } } : {}),
    },
    orderBy: [{ lastSeenAt: "desc" }, { origin: "asc" }],
    take: options.limit,
  });
  return {
    project: env.projectSlug,
    environment: env.slug,
    origins: rows.map((r) => ({
      origin: r.origin,
      allowedCount: Number(r.allowedCount),
      rejectedCount: Number(r.rejectedCount),
      lastAllowed: r.lastAllowed,
      lastVersion: r.lastVersion,
      firstSeenAt: r.firstSeenAt.toISOString(),
      lastSeenAt: r.lastSeenAt.toISOString(),
      lastRefusal: r.lastRefusalKind ? { kind: r.lastRefusalKind as RefusalKind, detail: r.lastRefusalDetail ?? "" } : null,
    })),
  };
}
