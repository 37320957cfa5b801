import fs from "node:fs";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { engineErrorMessage, loadSchemaEngine, type SchemaEngine } from "./load-schema-engine";
import { loadMigrationsList } from "./migrations-list";
import { createScratchDatabase } from "./scratch-database";

/**
 * "What would a new migration contain?": the difference between the schema the
 * migrations produce (replayed on a scratch database) and schema.prisma. The
 * one question behind both `db:new-migration` and `db:drift`.
 */

export interface SchemaDiffInput {
  schemaPath: string;
  migrationsDir: string;
}

export interface SchemaDiff {
  /** Whether schema.prisma and the migrations disagree. */
  changed: boolean;
  /** The SQL that brings the migrations' schema to schema.prisma (a migration script). */
  script: string;
  /** Human-readable summary of the same changes (only when asked for). */
  summary?: string;
}

export class SchemaToolError extends Error {
  override name = "SchemaToolError";
}

export async function diffMigrationsToSchema(input: SchemaDiffInput & { withSummary?: boolean }): Promise<SchemaDiff> {
  const schema = fs.readFileSync(input.schemaPath, "utf8");
  return withSchemaEngine(input.schemaPath, schema, async (engine) => {
    const run = (script: boolean) =>
      engine.diff({
        from: { tag: "migrations", ...loadMigrationsList(input.migrationsDir) },
        to: { tag: "schemaDatamodel", files: [{ path: input.schemaPath, content: schema }] },
        script,
        exitCode: true, // → exitCode 2 when the diff is not empty
        filters: { externalTables: [], externalEnums: [] },
      });
    const sql = await run(true);
    const changed = sql.exitCode === 2;
    const summary = changed && input.withSummary ? ((await run(false)).stdout ?? "") : undefined;
    return { changed, script: sql.stdout ?? "", summary };
  });
}

/** Runs `body` with a schema engine on a scratch database, and always frees both. */
async function withSchemaEngine<T>(schemaPath: string, schema: string, body: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const SchemaEngine = loadSchemaEngine();
  const scratch = await createScratchDatabase();
  let engine: SchemaEngine | undefined;
  try {
    const debug = process.env.CORSBOARD_ENGINE_DEBUG === "1" ? (line: string) => console.error(line) : () => {};
    engine = await SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, debug, bindMigrationAwareSqlAdapterFactory(scratch.factory));
    return await body(engine);
  } catch (e) {
    throw new SchemaToolError(engineErrorMessage(e), { cause: e });
  } finally {
    engine?.free();
    await scratch.dispose();
  }
}
