import { prisma } from "@/lib/server/db/client";
import { env } from "@/lib/server/env";
import { logger } from "@/lib/server/logger";

/**
 * Consumers gone for CORSBOARD_CONSUMER_RETENTION_DAYS (default 7) are
 * deleted: one DELETE on the lastSeenAt index, at most once an hour per
 * process (after a usage flush or a listing), so a fleet of short-lived
 * instances (autoscaling, CI runs) doesn't grow the list for ever. Any row
 * unseen for days is gone by every rule of consumer-state.ts.
 */
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const lastPruneKey = Symbol.for("corsboard.consumers-last-prune");
const g = globalThis as Record<symbol, number | undefined>;

/** Prunes unless this process did within the hour; never throws. Returns the run (tests), or undefined when skipped. */
export function maybePruneConsumers(now = Date.now()): Promise<number> | undefined {
  if (now - (g[lastPruneKey] ?? 0) < PRUNE_EVERY_MS) return undefined;
  g[lastPruneKey] = now;
  return pruneGoneConsumers(now).catch((error: unknown) => {
    logger().warn({ err: error instanceof Error ? error.message : String(error) }, "could not prune gone config API consumers");
    return 0;
  });
}

/** Deletes consumers not seen for the retention period; returns how many. */
export async function pruneGoneConsumers(now = Date.now(), retentionDays = env().CORSBOARD_CONSUMER_RETENTION_DAYS): Promise<number> {
  const cutoff = new Date(now - retentionDays * 24 * 60 * 60 * 1000);
  return prisma.$executeRaw`DELETE FROM "config_consumer" WHERE "lastSeenAt" < (${cutoff.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}
