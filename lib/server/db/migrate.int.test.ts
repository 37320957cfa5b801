import fs from "node:fs";
import path from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isMigrationError, migrate, migrationChecksum, readHistory, resolveApplied, resolveRolledBack, type SqlExecutor } from "./migrate";
import { pgExecutor, pgliteExecutor } from "./sql-executor";
import { tempDir, writeMigrations } from "./test-support/migration-fixtures";
import { openEmptyPglite } from "./tooling/empty-pglite";
import { connectPg, createTempPostgres, TEST_DATABASE_URL, type TempPostgres } from "./test-support/temp-postgres";

/**
 * The runner's semantics, on both back ends: the embedded database (PGlite,
 * in memory here) and, when TEST_DATABASE_URL is set, a PostgreSQL server.
 */

interface Backend {
  db: SqlExecutor;
  /** Back to an empty database between tests. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

const backends: Array<[string, () => Promise<Backend>]> = [
  [
    "embedded (PGlite)",
    async () => {
      const pglite = await openEmptyPglite(); // a cached fresh cluster: faster than initdb
      return { db: pgliteExecutor(pglite), reset: () => resetSchema(pgliteExecutor(pglite)), close: () => pglite.close() };
    },
  ],
];
if (TEST_DATABASE_URL) {
  backends.push([
    "PostgreSQL",
    async () => {
      const temp: TempPostgres = await createTempPostgres();
      const client: pg.Client = await connectPg(temp.url);
      return {
        db: pgExecutor(client),
        reset: () => resetSchema(pgExecutor(client)),
        close: async () => {
          await client.end();
          await temp.drop();
        },
      };
    },
  ]);
}

async function resetSchema(db: SqlExecutor): Promise<void> {
  await db.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
}

async function tableExists(db: SqlExecutor, name: string): Promise<boolean> {
  const rows = await db.query<{ exists: boolean }>("SELECT to_regclass($1) IS NOT NULL AS exists", [name]);
  return rows[0]?.exists === true;
}

async function expectMigrationError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isMigrationError(error), `expected a MigrationError, got ${String(error)}`).toBe(true);
  if (!isMigrationError(error)) throw error;
  expect(error.code).toBe(code);
  return error;
}

describe.each(backends)("migration runner on %s", (_name, makeBackend) => {
  let backend: Backend;
  let db: SqlExecutor;
  let dir: string;
  let cleanup: () => void;

  beforeAll(async () => {
    backend = await makeBackend();
    db = backend.db;
  });
  afterAll(async () => {
    await backend?.close();
  });
  beforeEach(async () => {
    await backend.reset();
    ({ dir, cleanup } = tempDir("migrations"));
    return () => cleanup();
  });

  it("applies pending migrations in name order, records them as Prisma does, and is idempotent", async () => {
    writeMigrations(dir, {
      "002_second": `ALTER TABLE first ADD COLUMN note TEXT;`,
      "001_first": `CREATE TABLE first (id INT PRIMARY KEY);`,
    });
    const lines: string[] = [];
    const result = await migrate(db, { migrationsDir: dir, log: (l) => lines.push(l) });
    expect(result).toEqual({ applied: ["001_first", "002_second"], alreadyApplied: [], unknownInDatabase: [] });
    expect(lines).toEqual(["Applying migration 001_first", "Applying migration 002_second"]);

    const rows = await db.query<Record<string, unknown>>(
      `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, logs, rolled_back_at, applied_steps_count,
              length(id) AS id_length
         FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows).toEqual([
      { migration_name: "001_first", checksum: migrationChecksum(`CREATE TABLE first (id INT PRIMARY KEY);`), finished: true, logs: null, rolled_back_at: null, applied_steps_count: 1, id_length: 36 },
      { migration_name: "002_second", checksum: migrationChecksum(`ALTER TABLE first ADD COLUMN note TEXT;`), finished: true, logs: null, rolled_back_at: null, applied_steps_count: 1, id_length: 36 },
    ]);

    const again = await migrate(db, { migrationsDir: dir });
    expect(again).toEqual({ applied: [], alreadyApplied: ["001_first", "002_second"], unknownInDatabase: [] });
  });

  it("runs each file as one script: DO blocks and semicolons in strings survive", async () => {
    writeMigrations(dir, {
      "001_plpgsql": `CREATE TABLE t (v TEXT);
INSERT INTO t VALUES ('a;b');
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM t WHERE v = 'x;y') THEN
    INSERT INTO t VALUES ('x;y');
  END IF;
END $$;`,
    });
    await migrate(db, { migrationsDir: dir });
    const rows = await db.query<{ v: string }>("SELECT v FROM t ORDER BY v");
    expect(rows.map((r) => r.v)).toEqual(["a;b", "x;y"]);
  });

  it("rolls back a migration that fails half-way, records the failure, refuses until resolved, then applies the fix", async () => {
    writeMigrations(dir, {
      "001_ok": `CREATE TABLE ok_table (id INT);`,
      "002_breaks": `CREATE TABLE half_done (id INT);\nINSERT INTO half_done VALUES (1);\nSELECT 1 / 0;\n`,
      "003_after": `CREATE TABLE after_table (id INT);`,
    });

    const failure = await expectMigrationError(migrate(db, { migrationsDir: dir }), "apply-failed");
    expect(failure.migrationName).toBe("002_breaks");
    expect(failure.message).toContain("Migration 002_breaks failed and was rolled back");
    expect(failure.message).toContain("division by zero");
    expect(failure.message).toContain("npm run db:migrate -- --resolve-rolled-back 002_breaks");

    // Nothing of 002 remains; 001 stays applied; 003 was not attempted.
    expect(await tableExists(db, "ok_table")).toBe(true);
    expect(await tableExists(db, "half_done")).toBe(false);
    expect(await tableExists(db, "after_table")).toBe(false);
    const failedRow = (await readHistory(db)).find((r) => r.migrationName === "002_breaks");
    expect(failedRow).toMatchObject({ finished: false, rolledBack: false });
    expect(failedRow?.logs).toContain("division by zero");

    // Next start refuses, naming the migration and the fix, even with the file fixed.
    const refusal = await expectMigrationError(migrate(db, { migrationsDir: dir }), "failed-migration");
    expect(refusal.message).toContain("Migration 002_breaks failed");
    expect(refusal.message).toContain("npm run db:migrate -- --resolve-rolled-back 002_breaks");
    writeMigrations(dir, { "002_breaks": `CREATE TABLE half_done (id INT);\nINSERT INTO half_done VALUES (1);\n` });
    await expectMigrationError(migrate(db, { migrationsDir: dir }), "failed-migration");

    // Resolving a migration that did not fail is refused.
    const wrong = await expectMigrationError(resolveRolledBack(db, "001_ok", { migrationsDir: dir }), "resolve");
    expect(wrong.message).toContain("Failed migrations: 002_breaks");

    await resolveRolledBack(db, "002_breaks", { migrationsDir: dir });
    const result = await migrate(db, { migrationsDir: dir });
    expect(result.applied).toEqual(["002_breaks", "003_after"]);
    expect(await db.query("SELECT id FROM half_done")).toEqual([{ id: 1 }]);

    const history = (await readHistory(db)).filter((r) => r.migrationName === "002_breaks");
    expect(history.map((r) => ({ finished: r.finished, rolledBack: r.rolledBack }))).toEqual([
      { finished: false, rolledBack: true },
      { finished: true, rolledBack: false },
    ]);
  });

  it("points at the failing line when the database reports a position", async () => {
    writeMigrations(dir, { "001_typo": "CREATE TABLE y (id INT);\nSELEC 1;\n" });
    const error = await expectMigrationError(migrate(db, { migrationsDir: dir }), "apply-failed");
    expect(error.message).toContain("At line 2: SELEC 1;");
    expect(await tableExists(db, "y")).toBe(false);
  });

  it("--resolve-applied records a failed migration as applied without running it", async () => {
    writeMigrations(dir, { "001_breaks": `CREATE TABLE x (id INT); SELECT 1 / 0;` });
    await expectMigrationError(migrate(db, { migrationsDir: dir }), "apply-failed");
    await db.exec("CREATE TABLE x (id INT)"); // the operator applied it by hand
    await resolveApplied(db, "001_breaks", { migrationsDir: dir });
    expect(await migrate(db, { migrationsDir: dir })).toMatchObject({ applied: [], alreadyApplied: ["001_breaks"] });
    await expectMigrationError(resolveApplied(db, "001_breaks", { migrationsDir: dir }), "resolve");
  });

  it("refuses when an applied migration's file changed, but accepts a CRLF checkout", async () => {
    const original = "CREATE TABLE c (id INT);\nCREATE INDEX c_id ON c (id);\n";
    writeMigrations(dir, { "001_c": original });
    await migrate(db, { migrationsDir: dir });

    writeMigrations(dir, { "001_c": original.replaceAll("\n", "\r\n") });
    await expect(migrate(db, { migrationsDir: dir })).resolves.toMatchObject({ applied: [] });

    writeMigrations(dir, { "001_c": "CREATE TABLE c (id BIGINT);\nCREATE INDEX c_id ON c (id);\n" });
    const error = await expectMigrationError(migrate(db, { migrationsDir: dir }), "modified-migration");
    expect(error.migrationName).toBe("001_c");
    expect(error.message).toContain("001_c: applied with checksum " + migrationChecksum(original));
    expect(error.message).toContain("Restore the original file");
  });

  it("reports migrations present in the database but not on disk without refusing", async () => {
    writeMigrations(dir, { "001_a": "CREATE TABLE a (id INT);", "002_b": "CREATE TABLE b (id INT);" });
    await migrate(db, { migrationsDir: dir });
    fs.rmSync(path.join(dir, "002_b"), { recursive: true });
    const lines: string[] = [];
    const result = await migrate(db, { migrationsDir: dir, log: (l) => lines.push(l) });
    expect(result.unknownInDatabase).toEqual(["002_b"]);
    expect(lines.join("\n")).toContain("not in");
  });

  it("fails clearly on a directory without migration.sql", async () => {
    fs.mkdirSync(path.join(dir, "001_empty"));
    await expect(migrate(db, { migrationsDir: dir })).rejects.toThrow(/001_empty has no migration.sql/);
  });
});
