import { randomUUID } from "node:crypto";
import type { SqlExecutor } from "./sql-executor";

/**
 * The `_prisma_migrations` table, with Prisma's own DDL (from prisma-engines'
 * PostgreSQL flavour) so that `prisma migrate status/deploy/resolve` run
 * elsewhere read and write the same history.
 */
const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

/** One row of `_prisma_migrations`, reduced to what the runner decides on. */
export interface MigrationRow {
  id: string;
  migrationName: string;
  checksum: string;
  /** finished_at IS NOT NULL: the migration was applied. */
  finished: boolean;
  /** rolled_back_at IS NOT NULL: the row is history only, ignored by every decision. */
  rolledBack: boolean;
  logs: string | null;
  /** started_at as ISO-8601 text (identical on both back ends). */
  startedAt: string;
}

export async function ensureHistoryTable(db: SqlExecutor): Promise<void> {
  await db.exec(CREATE_TABLE);
}

export async function historyTableExists(db: SqlExecutor): Promise<boolean> {
  const rows = await db.query<{ exists: boolean }>(
    "SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists",
  );
  return rows[0]?.exists === true;
}

export async function readHistory(db: SqlExecutor): Promise<MigrationRow[]> {
  const rows = await db.query<{
    id: string;
    migration_name: string;
    checksum: string;
    finished: boolean;
    rolled_back: boolean;
    logs: string | null;
    started_at: string;
  }>(
    `SELECT id, migration_name, checksum, finished_at IS NOT NULL AS finished,
            rolled_back_at IS NOT NULL AS rolled_back, logs,
            to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS started_at
       FROM _prisma_migrations
      ORDER BY started_at, migration_name`,
  );
  return rows.map((r) => ({
    id: r.id,
    migrationName: r.migration_name,
    checksum: r.checksum,
    finished: r.finished,
    rolledBack: r.rolled_back,
    logs: r.logs,
    startedAt: r.started_at,
  }));
}

/** A successfully applied migration (written inside the migration's own transaction). */
export async function insertApplied(
  db: SqlExecutor,
  row: { migrationName: string; checksum: string; startedAt: Date; appliedSteps: number },
): Promise<void> {
  await db.query(
    `INSERT INTO _prisma_migrations
       (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
     VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4::timestamptz, $5)`,
    [randomUUID(), row.checksum, row.migrationName, row.startedAt.toISOString(), row.appliedSteps],
  );
}

/**
 * A failed attempt: finished_at stays NULL, which is what makes the next run
 * (ours or `prisma migrate deploy`) refuse until someone resolves it. Written
 * after the migration's transaction was rolled back, so it survives.
 */
export async function insertFailed(
  db: SqlExecutor,
  row: { migrationName: string; checksum: string; startedAt: Date; logs: string },
): Promise<void> {
  await db.query(
    `INSERT INTO _prisma_migrations
       (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
     VALUES ($1, $2, NULL, $3, $4, NULL, $5::timestamptz, 0)`,
    [randomUUID(), row.checksum, row.migrationName, row.logs, row.startedAt.toISOString()],
  );
}

/** Marks the failed attempts of a migration as rolled back; returns how many rows changed. */
export async function markFailedRolledBack(db: SqlExecutor, migrationName: string): Promise<number> {
  const rows = await db.query(
    `UPDATE _prisma_migrations SET rolled_back_at = now()
      WHERE migration_name = $1 AND finished_at IS NULL AND rolled_back_at IS NULL
      RETURNING id`,
    [migrationName],
  );
  return rows.length;
}
