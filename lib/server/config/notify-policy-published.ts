import type { Tx } from "@/lib/server/db/types";
import { CONFIG_CHANNEL, encodePolicyChange } from "@/lib/server/config/config-channel";
import { configRuntime } from "@/lib/server/config/config-runtime";

/**
 * Announce a new version to every Corsboard process on this database: call it
 * inside the transaction that creates the version, after the insert.
 *
 *   await prisma.$transaction(async (tx) => {
 *     const row = await tx.policyVersion.create({ … });
 *     await notifyPolicyPublished(tx, { environmentId: row.environmentId, version: row.number });
 *   });
 *
 * It is `SELECT pg_notify(…)` on the transaction's own connection, so
 * PostgreSQL delivers it when (and only if) the transaction commits — to the
 * listener connection of every instance, this one included — and never
 * before the new row is visible. The embedded database (PGlite) has the same
 * LISTEN/NOTIFY semantics in-process: the notification reaches this
 * process's listener on commit, nothing on rollback. So one code path is
 * correct on both back ends, and no "after commit" hook is needed.
 *
 * This process's own cache is told at once (it stores no older read until
 * the version shows up), so whoever published sees the new version on this
 * instance as soon as the transaction commits; other instances get it with
 * the notification, within milliseconds. The notification carries the time
 * it was issued (just before the commit), for the publish→notify latency metric.
 */
export async function notifyPolicyPublished(tx: Tx, change: { environmentId: string; version: number }): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${CONFIG_CHANNEL}, ${encodePolicyChange(change.environmentId, change.version, Date.now())})`;
  configRuntime().policies.expect(change.environmentId, change.version);
}
