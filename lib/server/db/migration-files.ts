import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** One `prisma/migrations/<name>/migration.sql`, as Prisma lays them out. */
export interface MigrationFile {
  /** Directory name, e.g. `20250101120000_init`; migrations apply in this name's order. */
  name: string;
  /** Absolute path of `migration.sql`. */
  file: string;
  /** The SQL exactly as stored on disk. */
  sql: string;
  /** sha256 hex of the file, as Prisma stores it in `_prisma_migrations.checksum`. */
  checksum: string;
}

/**
 * `<cwd>/prisma/migrations`. Resolved from the working directory rather than
 * this module's location: Next.js bundles this file elsewhere (.next/server),
 * while `npm start`, `next dev`, scripts and tests all run from the project root.
 * The turbopackIgnore comment keeps Turbopack from tracing the whole project.
 */
export function defaultMigrationsDir(): string {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), "prisma", "migrations");
}

/** sha256 hex of a migration script (Prisma's `render_checksum`). */
export function migrationChecksum(sql: string): string {
  return createHash("sha256").update(sql, "utf8").digest("hex");
}

/**
 * Whether a script matches a stored checksum, tolerating CRLF/LF conversion
 * by git and Prisma's old non-zero-padded hex format, exactly as Prisma's
 * `script_matches_checksum` does. So a Windows checkout is not "modified".
 */
export function checksumMatches(sql: string, checksum: string): boolean {
  const variants = [sql, sql.replaceAll("\r\n", "\n"), sql.replaceAll("\r\n", "\n").replaceAll("\n", "\r\n")];
  return variants.some((variant) => {
    const digest = createHash("sha256").update(variant, "utf8").digest();
    if (checksum.length === 64) return digest.toString("hex") === checksum;
    // Prisma < 2.x wrote each byte without zero padding.
    return Array.from(digest, (b) => b.toString(16)).join("") === checksum;
  });
}

/**
 * The migrations on disk, in apply order. A directory without `migration.sql`
 * is an error (a half-created migration), not something to skip silently.
 */
export function readMigrationFiles(dir: string = defaultMigrationsDir()): MigrationFile[] {
  if (!fs.existsSync(dir)) {
    throw new Error(`Migrations directory ${dir} does not exist. Run Corsboard from the project root (where prisma/ is).`);
  }
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = path.join(dir, name, "migration.sql");
      if (!fs.existsSync(file)) {
        throw new Error(`Migration directory ${path.join(dir, name)} has no migration.sql. Remove the directory or add the file.`);
      }
      const sql = fs.readFileSync(file, "utf8");
      return { name, file, sql, checksum: migrationChecksum(sql) };
    });
}
