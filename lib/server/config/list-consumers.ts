import { prisma } from "@/lib/server/db/client";
import type { ConsumerList } from "@/lib/api/schemas/config";
import { consumerState, GONE_AFTER_SECONDS } from "@/lib/server/config/consumer-state";
import { maybePruneConsumers } from "@/lib/server/config/prune-consumers";
import { findEnvironment } from "@/lib/server/environments/find-environment";

/**
 * Who reads an environment's config: one row per (token, instance), with the
 * version it got last, whether that is the latest, and whether it is live,
 * polling or gone (consumer-state.ts). Version changes and closed streams
 * are written at once, so the list is right within a moment of a publish.
 */
export async function listConsumers(projectSlug: string, environmentSlug: string, now = Date.now()): Promise<ConsumerList> {
  const env = await findEnvironment(prisma, projectSlug, environmentSlug);
  maybePruneConsumers(now);
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
    goneAfterSeconds: GONE_AFTER_SECONDS,
    consumers: rows.map((r) => {
      const mode = r.mode === "sse" || r.mode === "long-poll" ? r.mode : "fetch";
      const state = consumerState({ mode, lastSeenAt: r.lastSeenAt, disconnectedAt: r.disconnectedAt }, now);
      return {
        token: { id: r.token.id, name: r.token.name, prefix: r.token.prefix, scope: r.token.scope, revoked: r.token.revokedAt !== null },
        instance: r.instance,
        version: r.version,
        onLatest: latestVersion !== null && r.version === latestVersion,
        state,
        stale: state === "gone",
        mode,
        userAgent: r.userAgent,
        firstSeenAt: r.firstSeenAt.toISOString(),
        lastSeenAt: r.lastSeenAt.toISOString(),
        disconnectedAt: r.disconnectedAt?.toISOString() ?? null,
      };
    }),
  };
}
