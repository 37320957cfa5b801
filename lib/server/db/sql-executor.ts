import type { PGlite } from "@electric-sql/pglite";
import type { Client, PoolClient } from "pg";

/**
 * The smallest surface the migration runner needs from a database connection,
 * so the same runner drives a `pg` connection (PostgreSQL server) and a PGlite
 * instance (embedded). It must be ONE session: the advisory lock and the
 * migration's transaction live on it.
 */
export interface SqlExecutor {
  /** One statement with `$1`-style parameters (extended protocol); returns the rows. */
  query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /**
   * A whole script of any number of statements sent as ONE simple query, so
   * `DO $$ … $$` blocks and semicolons inside strings survive, and the
   * statements run inside the caller's transaction.
   */
  exec(script: string): Promise<void>;
  /** Which back end this is, for session settings only one of them supports. */
  readonly kind: "postgres" | "embedded";
}

/** A dedicated `pg` connection (a `Client`, or a `PoolClient` checked out for the whole run). */
export function pgExecutor(client: Client | PoolClient): SqlExecutor {
  return {
    kind: "postgres",
    async query<Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      const result = await client.query(sql, params);
      return result.rows as Row[];
    },
    async exec(script: string) {
      // No parameters → node-postgres uses the simple query protocol, which
      // accepts several statements in one message.
      await client.query(script);
    },
  };
}

/** A PGlite instance (it is a single session by nature). */
export function pgliteExecutor(db: PGlite): SqlExecutor {
  return {
    kind: "embedded",
    async query<Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      const result = await db.query<Row>(sql, params);
      return result.rows;
    },
    async exec(script: string) {
      await db.exec(script);
    },
  };
}
