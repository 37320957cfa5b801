import path from "node:path";
import { MigrationError } from "./migration-error";
import { checksumMatches, defaultMigrationsDir, readMigrationFiles, type MigrationFile } from "./migration-files";
import {
  ensureHistoryTable,
  historyTableExists,
  insertApplied,
  insertFailed,
  markFailedRolledBack,
  readHistory,
  type MigrationRow,
} from "./migration-history";
import { acquireMigrationLock, releaseMigrationLock } from "./migration-lock";
import type { SqlExecutor } from "./sql-executor";

/**
 * The runtime migration runner: applies `prisma/migrations/<name>/migration.sql`
 * in name order and records them in `_prisma_migrations` exactly as Prisma does,
 * without Prisma's internal APIs or its native engine.
 *
 * - Each file runs as ONE simple query inside a transaction together with its
 *   history row: a migration is applied entirely or not at all, even if the
 *   process is killed half-way.
 * - A failure is recorded (finished_at NULL) after the rollback; from then on
 *   every run refuses until an operator resolves it (like `prisma migrate deploy`).
 * - An applied migration whose file changed is refused.
 * - Runs are serialised by Prisma's advisory lock, so instances starting at the
 *   same time apply each migration once; the others wait, then find nothing to do.
 */

export { MIGRATION_ADVISORY_LOCK } from "./migration-lock";
export { MigrationError, isMigrationError, type MigrationErrorCode } from "./migration-error";
export { defaultMigrationsDir, readMigrationFiles, migrationChecksum, type MigrationFile } from "./migration-files";
export { readHistory, type MigrationRow } from "./migration-history";
export { pgExecutor, pgliteExecutor, type SqlExecutor } from "./sql-executor";

export interface MigrateOptions {
  /** Defaults to `<cwd>/prisma/migrations`. */
  migrationsDir?: string;
  /** How long to wait for another instance's migration lock. Default 120 s. */
  lockTimeoutMs?: number;
  /** Progress lines ("Applying …"); default: silent. */
  log?: (message: string) => void;
}

export interface MigrateResult {
  /** Migrations this run applied, in order. */
  applied: string[];
  /** Migrations that were already applied before this run. */
  alreadyApplied: string[];
  /**
   * Applied in the database but absent from the migrations directory (e.g. an
   * older Corsboard started on a newer database). Reported, not refused, as
   * `prisma migrate deploy` does.
   */
  unknownInDatabase: string[];
}

const DEFAULT_LOCK_TIMEOUT_MS = 120_000;

/** Applies every pending migration. Throws {@link MigrationError} with an operator-facing message. */
export async function migrate(db: SqlExecutor, options: MigrateOptions = {}): Promise<MigrateResult> {
  const log = options.log ?? (() => {});
  const dir = options.migrationsDir ?? defaultMigrationsDir();
  // Read the files before taking the lock: a missing directory fails fast.
  const files = readMigrationFiles(dir);

  return withMigrationLock(db, options, async () => {
    await ensureHistoryTable(db);
    const history = await readHistory(db);
    const active = history.filter((row) => !row.rolledBack);

    const failed = active.find((row) => !row.finished);
    if (failed) throw failedMigrationError(failed, dir);

    const appliedRows = new Map(active.map((row) => [row.migrationName, row]));
    const modified = files.filter((f) => {
      const row = appliedRows.get(f.name);
      return row !== undefined && !checksumMatches(f.sql, row.checksum);
    });
    if (modified.length > 0) throw modifiedMigrationError(modified, appliedRows);

    const fileNames = new Set(files.map((f) => f.name));
    const result: MigrateResult = {
      applied: [],
      alreadyApplied: files.filter((f) => appliedRows.has(f.name)).map((f) => f.name),
      unknownInDatabase: [...appliedRows.keys()].filter((name) => !fileNames.has(name)),
    };
    if (result.unknownInDatabase.length > 0) {
      log(
        `Warning: the database has migrations that are not in ${dir}: ${result.unknownInDatabase.join(", ")}. ` +
          `Is this an older Corsboard than the one that migrated the database?`,
      );
    }

    for (const file of files.filter((f) => !appliedRows.has(f.name))) {
      log(`Applying migration ${file.name}`);
      await applyOne(db, file, dir);
      result.applied.push(file.name);
    }
    return result;
  });
}

/**
 * `--resolve-rolled-back <name>`: the failed attempt of `name` is marked rolled
 * back (as `prisma migrate resolve --rolled-back` does), so the next run applies
 * the (fixed) file again. Our migrations are atomic, so a failed one left
 * nothing behind and this is the normal fix.
 */
export async function resolveRolledBack(db: SqlExecutor, migrationName: string, options: MigrateOptions = {}): Promise<void> {
  await withMigrationLock(db, options, async () => {
    const changed = (await historyTableExists(db)) ? await markFailedRolledBack(db, migrationName) : 0;
    if (changed === 0) {
      throw new MigrationError(
        "resolve",
        `Migration ${migrationName} is not in a failed state, so there is nothing to mark rolled back.` +
          (await describeFailed(db)),
        migrationName,
      );
    }
  });
}

/**
 * `--resolve-applied <name>`: records `name` as applied without running it (as
 * `prisma migrate resolve --applied` does), for when an operator applied its
 * changes by hand. A failed attempt of it is marked rolled back first.
 */
export async function resolveApplied(db: SqlExecutor, migrationName: string, options: MigrateOptions = {}): Promise<void> {
  const dir = options.migrationsDir ?? defaultMigrationsDir();
  const file = readMigrationFiles(dir).find((f) => f.name === migrationName);
  if (!file) {
    throw new MigrationError("resolve", `Migration ${migrationName} is not in ${dir}.`, migrationName);
  }
  await withMigrationLock(db, options, async () => {
    await ensureHistoryTable(db);
    const active = (await readHistory(db)).filter((r) => !r.rolledBack && r.migrationName === migrationName);
    if (active.some((r) => r.finished)) {
      throw new MigrationError("resolve", `Migration ${migrationName} is already applied.`, migrationName);
    }
    await db.exec("BEGIN");
    try {
      await markFailedRolledBack(db, migrationName);
      await insertApplied(db, { migrationName, checksum: file.checksum, startedAt: new Date(), appliedSteps: 0 });
      await db.exec("COMMIT");
    } catch (e) {
      await db.exec("ROLLBACK").catch(() => {});
      throw e;
    }
  });
}

async function withMigrationLock<T>(db: SqlExecutor, options: MigrateOptions, body: () => Promise<T>): Promise<T> {
  const log = options.log ?? (() => {});
  await acquireMigrationLock(db, options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS, log);
  // On a server, make the backend notice a vanished client (killed process)
  // within a second even while it is busy in a long statement, so the
  // transaction rolls back and the lock frees promptly (PostgreSQL ≥ 14).
  const checkedConnection = db.kind === "postgres" && (await trySet(db, "SET client_connection_check_interval = 1000"));
  try {
    return await body();
  } finally {
    if (checkedConnection) await trySet(db, "RESET client_connection_check_interval");
    await releaseMigrationLock(db).catch(() => {});
  }
}

async function trySet(db: SqlExecutor, statement: string): Promise<boolean> {
  try {
    await db.exec(statement);
    return true;
  } catch {
    return false; // older server: harmless, only slower cleanup after a kill
  }
}

/** One migration file and its history row in one transaction. */
async function applyOne(db: SqlExecutor, file: MigrationFile, dir: string): Promise<void> {
  const startedAt = new Date();
  try {
    await db.exec("BEGIN");
    await db.exec(file.sql);
    await insertApplied(db, { migrationName: file.name, checksum: file.checksum, startedAt, appliedSteps: 1 });
    await db.exec("COMMIT");
  } catch (error) {
    await db.exec("ROLLBACK").catch(() => {});
    const reason = describeSqlError(error, file.sql);
    // Record the failure outside the rolled-back transaction. If even that
    // fails (connection gone), nothing was applied and the next run retries.
    await insertFailed(db, { migrationName: file.name, checksum: file.checksum, startedAt, logs: reason }).catch(() => {});
    throw new MigrationError(
      "apply-failed",
      `Migration ${file.name} failed and was rolled back, nothing of it was applied.\n` +
        `  ${reason.replaceAll("\n", "\n  ")}\n` +
        `It is recorded as failed in _prisma_migrations and Corsboard will refuse to start until it is resolved:\n` +
        fixSteps(file.name, dir),
      file.name,
      { cause: error },
    );
  }
}

function failedMigrationError(row: MigrationRow, dir: string): MigrationError {
  const logs = row.logs?.trim() ? `\n  Error recorded: ${row.logs.trim().replaceAll("\n", "\n  ")}` : "";
  return new MigrationError(
    "failed-migration",
    `Migration ${row.migrationName} failed (started ${row.startedAt}); no further migrations will be applied until it is resolved.${logs}\n` +
      `Corsboard runs each migration in one transaction, so nothing of the failed attempt remains (unless it was applied with another tool).\n` +
      fixSteps(row.migrationName, dir),
    row.migrationName,
  );
}

function fixSteps(name: string, dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  const base = relative.startsWith("..") || path.isAbsolute(relative) ? dir : relative || ".";
  const file = path.join(base, name, "migration.sql");
  return (
    `  1. Fix ${file} (or upgrade to a Corsboard release with a fixed migration).\n` +
    `  2. Mark the failed attempt as rolled back: npm run db:migrate -- --resolve-rolled-back ${name}\n` +
    `     (same as: prisma migrate resolve --rolled-back ${name}).\n` +
    `     If you applied its changes by hand instead: npm run db:migrate -- --resolve-applied ${name}\n` +
    `  3. Start Corsboard again (or run npm run db:migrate).`
  );
}

function modifiedMigrationError(modified: MigrationFile[], applied: Map<string, MigrationRow>): MigrationError {
  const lines = modified.map(
    (f) => `  ${f.name}: applied with checksum ${applied.get(f.name)?.checksum}, file now has ${f.checksum}`,
  );
  return new MigrationError(
    "modified-migration",
    `${modified.length === 1 ? "A migration was" : "Migrations were"} modified after being applied to this database:\n${lines.join("\n")}\n` +
      `Applied migrations must not change. Restore the original file(s) (e.g. git checkout) and put the change in a new migration (npm run db:new-migration -- <name>).`,
    modified[0]?.name,
  );
}

async function describeFailed(db: SqlExecutor): Promise<string> {
  if (!(await historyTableExists(db))) return " The database has no migration history yet.";
  const failed = (await readHistory(db)).filter((r) => !r.finished && !r.rolledBack).map((r) => r.migrationName);
  return failed.length > 0 ? ` Failed migrations: ${failed.join(", ")}.` : " No migration is in a failed state.";
}

/** The database's error with the line of the script it points at, when it says. */
function describeSqlError(error: unknown, sql: string): string {
  if (!(error instanceof Error)) return String(error);
  const e = error as Error & { code?: string; position?: string | number; detail?: string; hint?: string };
  let text = e.code ? `${e.message} (SQLSTATE ${e.code})` : e.message;
  const position = Number(e.position);
  if (Number.isInteger(position) && position > 0) {
    const line = sql.slice(0, position - 1).split("\n").length;
    text += `\nAt line ${line}: ${sql.split("\n")[line - 1]?.trim() ?? ""}`;
  }
  if (e.detail) text += `\nDetail: ${e.detail}`;
  if (e.hint) text += `\nHint: ${e.hint}`;
  return text;
}
