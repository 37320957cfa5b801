import { prisma } from "@/lib/server/db/client";
import type { ConsumerList } from "@/lib/api/schemas/config";
import { findEnvironment } from "@/lib/server/environments/find-environment";

/** A consumer not seen for this long is shown as stale (SSE subscribers are seen at every heartbeat, long-polls at every answer). */
export const STALE_AFTER_SECONDS = 15 * 60;

/**
 * Who reads an environment's config: one row per (token, instance), with the
 * version it got last, whether that is the latest, and whether it has gone
 * quiet. Sightings are written in batches within a few seconds.
 */
export async function listConsumers(projectSlug: string, environmentSlug: string, now = Date.now()): Promise<ConsumerList> {
  const env = await findEnvironment(prisma, projectSlug, environmentSlug);
  const [latest, rows] = await Promise.all([
    prisma.policyVersion.findFirst({ where: { environmentId: env.id }, orderBy: { number: "desc" }, select: { number: true } }),
    prisma.configConsumer.findMany({
      where: { environmentId: env.id },
      orderBy: [{ lastSeenAt: "desc" }],
      take: 1000,
      include: { token: { select: { id: true, name: true, prefix: true, scope: true, revokedAt: true } } },
    }),
  ]);
  const latestVersion = latest?.number ?? null;
  return {
    project: env.projectSlug,
    environment: env.slug,
    latestVersion,
    staleAfterSeconds: STALE_AFTER_SECONDS,
    consumers: rows.map((r) => ({
      token: { id: r.token.id, name: r.token.name, prefix: r.token.prefix, scope: r.token.scope, revoked: r.token.revokedAt !== null },
      instance: r.instance,
      version: r.version,
      onLatest: latestVersion !== null && r.version === latestVersion,
      stale: now - r.lastSeenAt.getTime() > STALE_AFTER_SECONDS * 1000,
      mode: r.mode === "sse" || r.mode === "long-poll" ? r.mode : "fetch",
      userAgent: r.userAgent,
      firstSeenAt: r.firstSeenAt.toISOString(),
      lastSeenAt: r.lastSeenAt.toISOString(),
    })),
  };
}
