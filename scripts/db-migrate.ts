/**
 * npm run db:migrate                                   apply pending migrations
 * npm run db:migrate -- --resolve-rolled-back <name>   after fixing a failed migration
 * npm run db:migrate -- --resolve-applied <name>       after applying a failed one by hand
 *
 * Works on the configured database: DATABASE_URL, or the embedded one in
 * CORSBOARD_DATA_DIR (which must not be open in a running Corsboard: the
 * data directory lock refuses). `--migrations <dir>` overrides
 * prisma/migrations (tests). Exit code 1 with an operator-facing message on
 * any refusal.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { DataDirLockedError } from "../lib/server/db/data-dir-lock";
import { configuredDbKind, withMigrationConnection } from "../lib/server/db/database";
import { isMigrationError, migrate, resolveApplied, resolveRolledBack } from "../lib/server/db/migrate";
import { dataDir, env, EnvError } from "../lib/server/env";

const { values } = parseArgs({
  options: {
    "resolve-rolled-back": { type: "string" },
    "resolve-applied": { type: "string" },
    migrations: { type: "string" },
  },
});

async function main(): Promise<void> {
  const target =
    configuredDbKind() === "embedded" ? `embedded database in ${dataDir()}` : `PostgreSQL database ${describeUrl(env().DATABASE_URL)}`;
  const options = {
    migrationsDir: values.migrations ? path.resolve(values.migrations) : undefined,
    log: (message: string) => console.log(message),
  };
  await withMigrationConnection(async (db) => {
    const rolledBack = values["resolve-rolled-back"];
    if (rolledBack) {
      await resolveRolledBack(db, rolledBack, options);
      console.log(`Marked the failed migration ${rolledBack} as rolled back on the ${target}.`);
    }
    const applied = values["resolve-applied"];
    if (applied) {
      await resolveApplied(db, applied, options);
      console.log(`Recorded ${applied} as applied (without running it) on the ${target}.`);
    }
    const result = await migrate(db, options);
    console.log(
      result.applied.length > 0
        ? `Applied ${result.applied.length} migration(s) to the ${target}; ${result.alreadyApplied.length} were already applied.`
        : `The ${target} is up to date (${result.alreadyApplied.length} migration(s) applied).`,
    );
  });
}

/** host/database of a connection URL, never its credentials. */
function describeUrl(url: string | undefined): string {
  try {
    const u = new URL(url ?? "");
    return `${u.host}${u.pathname}`;
  } catch {
    return "(DATABASE_URL)";
  }
}

try {
  await main();
} catch (e) {
  const known = isMigrationError(e) || e instanceof DataDirLockedError || e instanceof EnvError;
  console.error(known ? `\n${(e as Error).message}` : `\nMigrating failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
