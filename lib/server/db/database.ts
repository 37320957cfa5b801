import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { dataDir, env } from "../env";
import { logger } from "../logger";
import { closeEmbedded, openEmbedded } from "./embedded";
import { migrate, type MigrateOptions, type MigrateResult } from "./migrate";
import { pgExecutor, pgliteExecutor, type SqlExecutor } from "./sql-executor";

/**
 * The configured database, opened and migrated once per process:
 * DATABASE_URL set → PostgreSQL server through a pg pool; unset → embedded
 * PGlite in CORSBOARD_DATA_DIR. Nothing here runs at import time.
 */

export type DbKind = "embedded" | "postgres";

export interface OpenDatabase {
  kind: DbKind;
  /** What Prisma's driver adapter connects through. */
  adapterFactory: SqlDriverAdapterFactory;
  /** What the migration run did when this database was opened. */
  migration: MigrateResult;
  close(): Promise<void>;
}

/** Seconds a new pg connection may take before the attempt fails (a down server must not hang requests). */
const CONNECT_TIMEOUT_MS = 5_000;

export function configuredDbKind(): DbKind {
  return env().DATABASE_URL ? "postgres" : "embedded";
}

const memoKey = Symbol.for("corsboard.open-database");
type Memo = { promise?: Promise<OpenDatabase> };
const memo: Memo = ((globalThis as Record<symbol, unknown>)[memoKey] as Memo | undefined) ?? {};
(globalThis as Record<symbol, unknown>)[memoKey] = memo;

/**
 * Opens and migrates the configured database on first call; later calls share
 * the result. A failed attempt is forgotten so the next call retries (e.g. once
 * PostgreSQL is back).
 */
export function openDatabase(options: Pick<MigrateOptions, "log"> = {}): Promise<OpenDatabase> {
  if (!memo.promise) {
    // Migration progress goes to the app's log unless the caller (a script) prints it.
    const log = options.log ?? ((message: string) => logger().info(message));
    const attempt = configuredDbKind() === "postgres" ? openPostgres({ log }) : openEmbeddedDb({ log });
    memo.promise = attempt;
    attempt.catch(() => {
      if (memo.promise === attempt) memo.promise = undefined;
    });
  }
  return memo.promise;
}

/** Closes the database opened by {@link openDatabase}, if any; the next use opens it again. */
export async function closeOpenDatabase(): Promise<void> {
  const current = memo.promise;
  memo.promise = undefined;
  const db = await current?.catch(() => undefined);
  await db?.close();
}

async function openEmbeddedDb(options: Pick<MigrateOptions, "log">): Promise<OpenDatabase> {
  const dir = dataDir();
  const pglite = await openEmbedded(dir);
  try {
    const migration = await migrate(pgliteExecutor(pglite), { log: options.log });
    return {
      kind: "embedded",
      adapterFactory: new PrismaPGlite(pglite),
      migration,
      close: () => closeEmbedded(dir),
    };
  } catch (e) {
    await closeEmbedded(dir);
    throw e;
  }
}

/**
 * Runs `body` on ONE session of the configured database without migrating
 * first: for `npm run db:migrate` and its `--resolve-*` options. Scripts only:
 * on the embedded database it opens and then closes the data directory.
 */
export async function withMigrationConnection<T>(body: (db: SqlExecutor) => Promise<T>): Promise<T> {
  if (configuredDbKind() === "embedded") {
    const dir = dataDir();
    const pglite = await openEmbedded(dir);
    try {
      return await body(pgliteExecutor(pglite));
    } finally {
      await closeEmbedded(dir);
    }
  }
  // Migrations need ONE session for the advisory lock and each migration's
  // transaction: a dedicated client, closed afterwards.
  const client = new pg.Client({
    connectionString: env().DATABASE_URL,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: "corsboard-migrate",
  });
  // A lost connection while we wait must reject the pending query, not crash.
  client.on("error", () => {});
  try {
    await client.connect();
    return await body(pgExecutor(client));
  } finally {
    await client.end().catch(() => {});
  }
}

async function openPostgres(options: Pick<MigrateOptions, "log">): Promise<OpenDatabase> {
  const connectionString = env().DATABASE_URL as string;
  const migration = await withMigrationConnection((db) => migrate(db, { log: options.log }));

  const pool = new pg.Pool({
    connectionString,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: "corsboard",
  });
  // An idle client losing its server emits 'error' on the pool; without a
  // listener that would crash the process. The next query reconnects.
  pool.on("error", (error) => logger().warn({ err: error.message }, "idle PostgreSQL connection lost"));
  return {
    kind: "postgres",
    adapterFactory: new PrismaPg(pool),
    migration,
    close: () => pool.end(),
  };
}
