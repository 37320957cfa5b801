import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeEmbedded, openEmbedded } from "@/lib/server/db/embedded";
import { migrate, readMigrationFiles } from "@/lib/server/db/migrate";
import { pgliteExecutor } from "@/lib/server/db/sql-executor";
import { REPO_MIGRATIONS } from "@/lib/server/db/test-support/migration-fixtures";

/**
 * A data directory with every migration applied, shared by the test files of
 * this machine. Built under a unique name and renamed into place, so
 * concurrent builders (test files starting together, or two runs) never see
 * a half-built one.
 */
export async function migratedTemplate(): Promise<string> {
  const migrations = readMigrationFiles(REPO_MIGRATIONS);
  const key = createHash("sha256")
    .update(migrations.map((m) => `${m.name}:${m.checksum}`).join("\n"))
    .digest("hex")
    .slice(0, 16);
  const template = path.join(os.tmpdir(), `corsboard-test-template-${key}`);
  if (fs.existsSync(path.join(template, "PG_VERSION"))) return template;
  const building = `${template}.build-${process.pid}-${Date.now()}`;
  const db = await openEmbedded(building);
  try {
    await migrate(pgliteExecutor(db), { migrationsDir: REPO_MIGRATIONS, log: () => {} });
  } finally {
    await closeEmbedded(building);
  }
  try {
    fs.renameSync(building, template);
  } catch {
    // Another run built it at the same time: use theirs.
    fs.rmSync(building, { recursive: true, force: true });
  }
  return template;
}
