import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { openEmptyPglite } from "./empty-pglite";

/**
 * A throwaway in-memory PostgreSQL (PGlite `memory://`) for the schema engine:
 * its "main" database and, after a reset, its shadow database, where the
 * engine replays the migrations to learn the schema they produce. One
 * instance per tool run, closed by `dispose()`.
 *
 * Works around two pglite-prisma-adapter bugs: `executeScript` does not await
 * `exec()` (a broken migration would pass silently), and the shadow factory
 * opens a new PGlite every time and never closes it.
 */
export interface ScratchDatabase {
  factory: SqlMigrationAwareDriverAdapterFactory;
  dispose(): Promise<void>;
}

const RESET_SCHEMAS = `
DO $$
DECLARE s name;
BEGIN
  FOR s IN SELECT nspname FROM pg_namespace
           WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'
  LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', s);
  END LOOP;
  CREATE SCHEMA public;
END $$;`;

export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const db = await openEmptyPglite();

  const adapter = async (): Promise<SqlDriverAdapter> => {
    const inner = await new PrismaPGlite(db).connect();
    // A method of the adapter class that its type declarations leave out: looked up and checked at run time.
    const adapterOnError: unknown = Reflect.get(inner, "onError");
    if (typeof adapterOnError !== "function") throw new Error("pglite-prisma-adapter: the adapter has no onError (version changed?)");
    const onError = (e: unknown): void => {
      adapterOnError.call(inner, e); // rethrows as a DriverAdapterError the engine understands
      throw e;
    };
    return Object.assign(inner, {
      async executeScript(script: string) {
        try {
          await db.exec(script);
        } catch (e) {
          onError(e); // rethrows as a DriverAdapterError the engine understands
        }
      },
      // The PGlite instance outlives each connection; dispose() below closes it.
      async dispose() {},
    });
  };

  return {
    factory: {
      provider: "postgres",
      adapterName: "corsboard-scratch-pglite",
      connect: adapter,
      async connectToShadowDb() {
        // The main database is never written by the commands we use (diff from
        // migrations), so the same instance, emptied, serves as the shadow.
        await db.exec(RESET_SCHEMAS);
        return adapter();
      },
    },
    async dispose() {
      if (!db.closed) await db.close();
    },
  };
}
