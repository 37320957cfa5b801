import { MigrationError } from "./migration-error";
import type { SqlExecutor } from "./sql-executor";

/**
 * Prisma Migrate's advisory lock key. Using the same key serialises our runner
 * with other Corsboard instances AND with `prisma migrate deploy`.
 */
export const MIGRATION_ADVISORY_LOCK = 72707369;

const POLL_MS = 200;

/**
 * Takes the session-level advisory lock, waiting for other instances that are
 * migrating. Polls `pg_try_advisory_lock` (same lock as `pg_advisory_lock`) so
 * the wait has a deadline and a log line instead of hanging silently.
 * A session lock is released by the server when the connection drops, so a
 * killed instance never leaves it held.
 */
export async function acquireMigrationLock(
  db: SqlExecutor,
  timeoutMs: number,
  log: (message: string) => void,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    const rows = await db.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${MIGRATION_ADVISORY_LOCK}) AS locked`);
    if (rows[0]?.locked === true) return;
    if (!announced) {
      log("Another instance is applying migrations; waiting for it to finish…");
      announced = true;
    }
    if (Date.now() >= deadline) {
      throw new MigrationError(
        "lock-timeout",
        `Timed out after ${Math.round(timeoutMs / 1000)} s waiting for the migration lock ` +
          `(pg_advisory_lock(${MIGRATION_ADVISORY_LOCK})) held by another Corsboard instance or prisma migrate. ` +
          `If nothing is migrating, find the session holding it: ` +
          `SELECT pid, application_name FROM pg_locks JOIN pg_stat_activity USING (pid) WHERE locktype = 'advisory' AND objid = ${MIGRATION_ADVISORY_LOCK};`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export async function releaseMigrationLock(db: SqlExecutor): Promise<void> {
  await db.query(`SELECT pg_advisory_unlock(${MIGRATION_ADVISORY_LOCK})`);
}
