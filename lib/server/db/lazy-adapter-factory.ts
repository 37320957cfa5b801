import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { openDatabase } from "./database";

/**
 * The driver adapter factory handed to PrismaClient. It opens nothing until
 * Prisma connects (first query, or `$connect()`): then it opens and migrates
 * the configured database once per process (see database.ts) and delegates to
 * the real adapter (PGlite or pg). So `new PrismaClient(...)` at module top
 * level is harmless during `next build`, which imports every route module.
 * If opening fails, Prisma returns to "disconnected" and the next query retries.
 */
export const lazyAdapterFactory: SqlDriverAdapterFactory = {
  provider: "postgres",
  adapterName: "corsboard-lazy",
  async connect(): Promise<SqlDriverAdapter> {
    const db = await openDatabase();
    return db.adapterFactory.connect();
  },
};
