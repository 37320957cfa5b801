import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockFileFor } from "./data-dir-lock";
import { closeEmbedded, openEmbedded } from "./embedded";
import { migrate, readHistory, readMigrationFiles } from "./migrate";
import { pgliteExecutor } from "./sql-executor";
import { REPO_MIGRATIONS, tempDir, writeMigrations } from "./test-support/migration-fixtures";
import { runTsx, runTsxToEnd } from "./test-support/run-tsx";

/**
 * The embedded database end to end: the app's Prisma client on a fresh data
 * directory, the one-process-per-directory lock, and a process killed in the
 * middle of a migration. One data directory for the whole file (initdb is the
 * slow part), used in order.
 */

const OPEN_CHILD = "lib/server/db/test-support/open-embedded-child.ts";
const MIGRATE_CHILD = "lib/server/db/test-support/migrate-child.ts";

const lockOwnerPid = () => (JSON.parse(fs.readFileSync(lockFileFor(dataDir), "utf8")) as { pid: number }).pid;

let root: { dir: string; cleanup(): void };
let dataDir: string;
let client: typeof import("./client");

beforeAll(async () => {
  root = tempDir("embedded");
  // Parent directories that do not exist yet: opening must create them.
  dataDir = path.join(root.dir, "nested", "data");
  process.env.CORSBOARD_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  process.env.LOG_LEVEL = "warn";
  client = await import("./client"); // after the environment is set: env() is parsed once
});

afterAll(async () => {
  await client?.closeDatabase();
  root?.cleanup();
});

describe("embedded database", () => {
  it("opens a fresh data directory, applies the migrations and serves Prisma queries", async () => {
    const { prisma, ensureDatabase, pingDatabase, dbKind, isUniqueViolation } = client;
    expect(dbKind()).toBe("embedded");
    await ensureDatabase();
    expect(fs.existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);

    const history = await readHistory(pgliteExecutor(await openEmbedded(dataDir)));
    expect(history.map((r) => [r.migrationName, r.finished])).toEqual(readMigrationFiles(REPO_MIGRATIONS).map((m) => [m.name, true]));

    const project = await prisma.project.create({ data: { slug: "shop", name: "Shop" } });
    expect(await prisma.project.findUnique({ where: { slug: "shop" } })).toMatchObject({ id: project.id, name: "Shop" });

    const duplicate = await prisma.project.create({ data: { slug: "shop", name: "Again" } }).catch((e: unknown) => e);
    expect(isUniqueViolation(duplicate)).toBe(true);

    // Interactive transaction through `tx` (the outer client would wait for it).
    await prisma.$transaction(async (tx) => {
      const env = await tx.environment.create({ data: { projectId: project.id, slug: "prod", name: "Production", position: 0 } });
      await tx.policyDraft.create({ data: { environmentId: env.id } });
    });
    expect(await prisma.policyDraft.count()).toBe(1);

    expect(await pingDatabase()).toEqual({ ok: true });
  });

  it("refuses a second process on the same directory with a clear message", async () => {
    expect(lockOwnerPid()).toBe(process.pid);
    const second = await runTsxToEnd(OPEN_CHILD, [dataDir]);
    expect(second.code).toBe(1);
    expect(second.output).toContain(`The embedded database in ${dataDir} is already open by process ${process.pid} on host`);
    expect(second.output).toContain("set DATABASE_URL (PostgreSQL) or CORSBOARD_DATA_DIR");
  });

  it("releases the lock on close, and reopens lazily on the next query", async () => {
    await client.closeDatabase();
    expect(fs.existsSync(lockFileFor(dataDir))).toBe(false);
    expect(await client.prisma.project.count()).toBe(1);
    expect(fs.existsSync(lockFileFor(dataDir))).toBe(true);
    await client.closeDatabase();
  });

  it("takes over a stale lock left by a dead process", async () => {
    const deadPid = spawnSync("true").pid; // a process that has exited
    fs.writeFileSync(lockFileFor(dataDir), `${deadPid}\n`);
    const run = await runTsxToEnd(OPEN_CHILD, [dataDir, "--exit"]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("READY");
    expect(fs.existsSync(lockFileFor(dataDir))).toBe(false);
  });

  it("releases the lock when the process is stopped with SIGTERM", async () => {
    const child = runTsx(OPEN_CHILD, [dataDir]);
    await child.waitFor("READY");
    expect(lockOwnerPid()).toBe(child.child.pid);
    child.child.kill("SIGTERM");
    await child.exited;
    expect(fs.existsSync(lockFileFor(dataDir))).toBe(false);
  });

  it("a process killed in the middle of a migration leaves nothing of it; the next start applies it", async () => {
    const migrations = path.join(root.dir, "migrations");
    fs.cpSync(REPO_MIGRATIONS, migrations, { recursive: true });
    writeMigrations(migrations, { "99990101000000_slow": "CREATE TABLE killed_half (id INT);\nSELECT pg_sleep(60);\n" });

    const child = runTsx(MIGRATE_CHILD, ["--embedded", dataDir, "--migrations", migrations]);
    await child.waitFor("Applying migration 99990101000000_slow");
    await new Promise((r) => setTimeout(r, 500)); // inside pg_sleep, after CREATE TABLE
    child.child.kill("SIGKILL");
    expect(await child.exited).toBe("SIGKILL");
    expect(fs.existsSync(lockFileFor(dataDir))).toBe(true); // stale: its owner is dead

    const db = pgliteExecutor(await openEmbedded(dataDir));
    try {
      expect(await db.query("SELECT to_regclass('killed_half') IS NULL AS gone")).toEqual([{ gone: true }]);
      expect((await readHistory(db)).map((r) => r.migrationName)).not.toContain("99990101000000_slow");
      expect(await db.query("SELECT count(*)::int AS n FROM project")).toEqual([{ n: 1 }]); // earlier data intact

      writeMigrations(migrations, { "99990101000000_slow": "CREATE TABLE killed_half (id INT);\n" });
      expect((await migrate(db, { migrationsDir: migrations })).applied).toEqual(["99990101000000_slow"]);
    } finally {
      await closeEmbedded(dataDir);
    }
  });
});
