import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { expect, it } from "vitest";
import { migrate } from "./migrate";
import { pgliteExecutor } from "./sql-executor";
import { REPO_MIGRATIONS } from "./test-support/migration-fixtures";
import { openEmptyPglite } from "./tooling/empty-pglite";
import { loadSchemaEngine } from "./tooling/load-schema-engine";
import { loadMigrationsList } from "./tooling/migrations-list";

/**
 * Our runner's `_prisma_migrations` rows must read, to Prisma itself, as a
 * normally migrated database (what `prisma migrate status` would say).
 * Asked of Prisma's schema engine (WASM) on a database our runner migrated.
 */
it("Prisma's own migration history check agrees with what our runner recorded", async () => {
  const db = await openEmptyPglite();
  const SchemaEngine = loadSchemaEngine();
  try {
    await migrate(pgliteExecutor(db), { migrationsDir: REPO_MIGRATIONS });
    const factory = new PrismaPGlite(db);
    const engine = await SchemaEngine.new({ datamodels: undefined }, () => {}, bindMigrationAwareSqlAdapterFactory(factory));
    const diagnose = () =>
      engine.diagnoseMigrationHistory({
        migrationsList: loadMigrationsList(REPO_MIGRATIONS),
        optInToShadowDatabase: false,
        filters: { externalTables: [], externalEnums: [] },
      });
    try {
      expect(await diagnose()).toEqual({ editedMigrationNames: [], failedMigrationNames: [], hasMigrationsTable: true, history: null });
      // Not vacuous: the same check does see a tampered checksum.
      await db.exec("UPDATE _prisma_migrations SET checksum = repeat('0', 64) WHERE migration_name = (SELECT min(migration_name) FROM _prisma_migrations)");
      expect((await diagnose()).editedMigrationNames).toHaveLength(1);
    } finally {
      engine.free();
    }
  } finally {
    await db.close();
  }
});
