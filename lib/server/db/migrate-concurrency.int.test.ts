import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrate, readMigrationFiles } from "./migrate";
import { pgExecutor } from "./sql-executor";
import { REPO_MIGRATIONS, tempDir, writeMigrations } from "./test-support/migration-fixtures";
import { runTsx, runTsxToEnd } from "./test-support/run-tsx";
import { connectPg, createTempPostgres, TEST_DATABASE_URL, type TempPostgres } from "./test-support/temp-postgres";

/**
 * Several instances starting at once on one empty PostgreSQL database, and an
 * instance killed in the middle of a migration. PostgreSQL only: the embedded
 * database is one process by construction (see embedded.int.test.ts).
 */
describe.skipIf(!TEST_DATABASE_URL)("migrations on a shared PostgreSQL server", () => {
  let temp: TempPostgres;
  let dir: string;
  let cleanup: () => void;

  beforeEach(async () => {
    temp = await createTempPostgres();
    ({ dir, cleanup } = tempDir("migrations"));
    // The real migrations plus a slow one, so that concurrent runners overlap.
    fs.cpSync(REPO_MIGRATIONS, dir, { recursive: true });
    writeMigrations(dir, { "99990101000000_slow": "CREATE TABLE slow_marker (id INT);\nSELECT pg_sleep(1);\n" });
  });
  afterEach(async () => {
    cleanup();
    await temp.drop();
  });

  async function historyCounts(): Promise<Record<string, number>> {
    const client = await connectPg(temp.url);
    try {
      const { rows } = await client.query<{ migration_name: string; n: string; unfinished: string }>(
        `SELECT migration_name, count(*) AS n, count(*) FILTER (WHERE finished_at IS NULL) AS unfinished
           FROM _prisma_migrations GROUP BY migration_name`,
      );
      expect(rows.every((r) => r.unfinished === "0")).toBe(true);
      return Object.fromEntries(rows.map((r) => [r.migration_name, Number(r.n)]));
    } finally {
      await client.end();
    }
  }

  const expectedOnce = () => Object.fromEntries(readMigrationFiles(dir).map((m) => [m.name, 1]));

  it("four processes running `npm run db:migrate` at once apply each migration exactly once", async () => {
    const runs = await Promise.all(
      [1, 2, 3, 4].map(() =>
        runTsxToEnd("scripts/db-migrate.ts", ["--migrations", dir], { DATABASE_URL: temp.url }),
      ),
    );
    for (const run of runs) expect(run.code, run.output).toBe(0);
    // Exactly one process applied; the others waited and found nothing to do.
    const count = readMigrationFiles(dir).length;
    expect(runs.filter((r) => r.output.includes(`Applied ${count} migration(s)`))).toHaveLength(1);
    expect(runs.filter((r) => r.output.includes(`is up to date (${count} migration(s) applied)`))).toHaveLength(3);
    expect(await historyCounts()).toEqual(expectedOnce());
  });

  it("four connections in one process: one applies, three wait and then start", async () => {
    const clients = await Promise.all([1, 2, 3, 4].map(() => connectPg(temp.url)));
    try {
      const results = await Promise.all(clients.map((c) => migrate(pgExecutor(c), { migrationsDir: dir })));
      const applied = results.flatMap((r) => r.applied);
      expect(applied.sort()).toEqual(readMigrationFiles(dir).map((m) => m.name));
      expect(results.filter((r) => r.applied.length === 0)).toHaveLength(3);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    expect(await historyCounts()).toEqual(expectedOnce());
  });

  it("an instance killed in the middle of a migration leaves nothing of it, and the next start applies it", async () => {
    writeMigrations(dir, { "99990101000000_slow": "CREATE TABLE slow_marker (id INT);\nSELECT pg_sleep(60);\n" });
    const child = runTsx(path.join("lib/server/db/test-support/migrate-child.ts"), ["--url", temp.url, "--migrations", dir]);
    await child.waitFor("Applying migration 99990101000000_slow");
    await new Promise((r) => setTimeout(r, 500)); // inside pg_sleep, after CREATE TABLE
    child.child.kill("SIGKILL");
    expect(await child.exited).toBe("SIGKILL");

    // The server notices the vanished client within ~1 s (client_connection_check_interval),
    // rolls the transaction back and frees the lock: the next start does not wait 60 s.
    writeMigrations(dir, { "99990101000000_slow": "CREATE TABLE slow_marker (id INT);\n" });
    const client = await connectPg(temp.url);
    try {
      const started = Date.now();
      const result = await migrate(pgExecutor(client), { migrationsDir: dir, lockTimeoutMs: 15_000 });
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(result.applied).toEqual(["99990101000000_slow"]);
      const { rows } = await client.query("SELECT count(*)::int AS n FROM slow_marker");
      expect(rows).toEqual([{ n: 0 }]);
    } finally {
      await client.end();
    }
    expect(await historyCounts()).toEqual(expectedOnce());
  });
});
