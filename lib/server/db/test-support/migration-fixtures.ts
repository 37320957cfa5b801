import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A scratch directory under the OS temp dir, removed by `cleanup()`. */
export function tempDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `corsboard-${prefix}-`));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `{ "<name>": "<sql>" }` as `<dir>/<name>/migration.sql` (replacing existing files). */
export function writeMigrations(dir: string, migrations: Record<string, string>): void {
  for (const [name, sql] of Object.entries(migrations)) {
    fs.mkdirSync(path.join(dir, name), { recursive: true });
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
}

/** The project's real migrations directory. */
export const REPO_MIGRATIONS = path.resolve(process.cwd(), "prisma", "migrations");
