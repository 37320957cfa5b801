/**
 * npm run db:new-migration -- <name> [--empty]
 *
 * Writes prisma/migrations/<UTC timestamp>_<name>/migration.sql with the SQL
 * that takes the schema the existing migrations create to prisma/schema.prisma
 * (what `prisma migrate dev --create-only` does), using Prisma's schema engine
 * (WASM) on a throwaway in-memory PostgreSQL. Nothing is applied to any
 * database: the app applies it at startup, or run npm run db:migrate.
 * `--empty` creates a migration for hand-written SQL (data migrations).
 * `--schema` and `--migrations` override the paths.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { readMigrationFiles } from "../lib/server/db/migration-files";
import { MIGRATION_LOCK_CONTENT, MIGRATION_LOCK_FILE } from "../lib/server/db/tooling/migrations-list";
import { diffMigrationsToSchema } from "../lib/server/db/tooling/schema-diff";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { empty: { type: "boolean" }, schema: { type: "string" }, migrations: { type: "string" } },
});
const schemaPath = path.resolve(values.schema ?? "prisma/schema.prisma");
const migrationsDir = path.resolve(values.migrations ?? "prisma/migrations");

// Prisma's convention: lower snake case.
const name = (positionals[0] ?? "").trim().toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
if (!name || positionals.length > 1) {
  console.error("Usage: npm run db:new-migration -- <name> [--empty]   e.g. add_project_owner");
  process.exit(1);
}

try {
  const diff = await diffMigrationsToSchema({ schemaPath, migrationsDir });
  if (!diff.changed && !values.empty) {
    console.log("schema.prisma already matches the migrations: no migration created. (Use --empty for hand-written SQL.)");
    process.exit(0);
  }
  const script = diff.changed ? diff.script : "-- This is an empty migration.\n";

  const dirName = `${nextTimestamp(migrationsDir)}_${name}`;
  const dir = path.join(migrationsDir, dirName);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), script.endsWith("\n") ? script : `${script}\n`);
  const lockFile = path.join(migrationsDir, MIGRATION_LOCK_FILE);
  if (!fs.existsSync(lockFile)) fs.writeFileSync(lockFile, MIGRATION_LOCK_CONTENT);

  console.log(`Created ${path.relative(process.cwd(), path.join(dir, "migration.sql"))}\n`);
  console.log(script.trim());
  console.log(
    "\nReview it (it must run on PostgreSQL 15 and on the embedded database), commit it, and never edit it once applied anywhere.",
  );
} catch (e) {
  console.error(`db:new-migration failed: ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
}

/** Prisma's `YYYYMMDDHHMMSS` in UTC, and always after the newest existing migration. */
function nextTimestamp(dir: string): string {
  const now = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const last = fs.existsSync(dir) ? readMigrationFiles(dir).at(-1)?.name.slice(0, 14) : undefined;
  if (last && /^\d{14}$/.test(last) && last >= now) return String(BigInt(last) + 1n);
  return now;
}
