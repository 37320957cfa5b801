import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMigrationFiles } from "./migration-files";
import { tempDir, writeMigrations } from "./test-support/migration-fixtures";
import { runTsxToEnd } from "./test-support/run-tsx";

/**
 * `npm run db:drift` and `npm run db:new-migration` (Prisma's WASM schema
 * engine on a throwaway PGlite). Each run replays the migrations on a fresh
 * in-memory database: a few seconds each.
 */
describe("schema tooling", () => {
  let copy: { dir: string; cleanup(): void };
  let schema: string;
  let migrations: string;

  beforeAll(() => {
    copy = tempDir("schema");
    fs.cpSync(path.resolve("prisma"), copy.dir, { recursive: true });
    schema = path.join(copy.dir, "schema.prisma");
    migrations = path.join(copy.dir, "migrations");
  });
  afterAll(() => copy?.cleanup());

  const drift = () => runTsxToEnd("scripts/db-drift.ts", ["--schema", schema, "--migrations", migrations]);

  it("db:drift passes on the repository", async () => {
    const run = await runTsxToEnd("scripts/db-drift.ts", []);
    expect(run.output).toContain("OK: prisma/schema.prisma matches the migrations in prisma/migrations.");
    expect(run.code).toBe(0);
  });

  it("db:drift fails with a readable diff when schema.prisma changed; db:new-migration then captures the change", async () => {
    const original = fs.readFileSync(schema, "utf8");
    fs.writeFileSync(schema, original.replace("  description String?\n", "  description String?\n  ownerEmail  String?\n"));

    const failed = await drift();
    expect(failed.code).toBe(1);
    expect(failed.output).toContain("Drift:");
    expect(failed.output).toContain("[*] Changed the `project` table");
    expect(failed.output).toContain('ALTER TABLE "project" ADD COLUMN     "ownerEmail" TEXT;');
    expect(failed.output).toContain("npm run db:new-migration -- <name>");

    const before = readMigrationFiles(migrations).map((m) => m.name);
    const created = await runTsxToEnd("scripts/db-new-migration.ts", ["add owner", "--schema", schema, "--migrations", migrations]);
    expect(created.code, created.output).toBe(0);
    const added = readMigrationFiles(migrations).filter((m) => !before.includes(m.name));
    expect(added.map((m) => m.name)).toEqual([expect.stringMatching(/^\d{14}_add_owner$/)]);
    expect((added[0]?.name ?? "") > (before.at(-1) ?? "")).toBe(true);
    expect(added[0]?.sql).toContain('ALTER TABLE "project" ADD COLUMN     "ownerEmail" TEXT;');

    const passes = await drift();
    expect(passes.output).toContain("OK:");
    expect(passes.code).toBe(0);
  });

  it("db:drift reports a migration that does not run instead of passing silently", async () => {
    writeMigrations(migrations, { "99990101000000_broken": "CREATE TABLE broken (id INT);\nSELECT * FROM no_such_table;\n" });
    const run = await drift();
    expect(run.code).toBe(2);
    expect(run.output).toContain("99990101000000_broken");
    expect(run.output).toContain("no_such_table");
  });
});
