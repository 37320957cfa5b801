/**
 * npm run db:drift — fails (exit 1) when prisma/schema.prisma and
 * prisma/migrations disagree, printing what a new migration would contain.
 * Replays the migrations on a throwaway in-memory PostgreSQL (PGlite), so it
 * needs no database server. `--schema` and `--migrations` override the paths.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { MIGRATION_LOCK_FILE } from "../lib/server/db/tooling/migrations-list";
import { diffMigrationsToSchema } from "../lib/server/db/tooling/schema-diff";

const { values } = parseArgs({
  options: { schema: { type: "string" }, migrations: { type: "string" } },
});
const schemaPath = path.resolve(values.schema ?? "prisma/schema.prisma");
const migrationsDir = path.resolve(values.migrations ?? "prisma/migrations");

try {
  const lockFile = path.join(migrationsDir, MIGRATION_LOCK_FILE);
  if (!fs.existsSync(lockFile) || !/provider\s*=\s*"postgresql"/.test(fs.readFileSync(lockFile, "utf8"))) {
    console.error(`${lockFile} is missing or not for provider "postgresql". Create migrations with npm run db:new-migration.`);
    process.exit(1);
  }
  const diff = await diffMigrationsToSchema({ schemaPath, migrationsDir, withSummary: true });
  if (!diff.changed) {
    console.log(`OK: ${path.relative(process.cwd(), schemaPath)} matches the migrations in ${path.relative(process.cwd(), migrationsDir)}.`);
  } else {
    console.error(`Drift: ${path.relative(process.cwd(), schemaPath)} differs from what the migrations create.\n`);
    console.error(diff.summary?.trim());
    console.error(`\nA new migration would contain:\n\n${diff.script.trim()}\n`);
    console.error(`Create it with: npm run db:new-migration -- <name>   (or undo the schema change)`);
    process.exitCode = 1;
  }
} catch (e) {
  console.error(`db:drift failed: ${e instanceof Error ? e.message : e}`);
  process.exitCode = 2;
}
