/**
 * Child process for tests: runs the migration runner on the embedded database
 * in `--embedded <dir>` or on PostgreSQL `--url <url>`, with migrations from
 * `--migrations <dir>`, printing the runner's progress lines ("Applying
 * migration …") so a test can kill it at a known point.
 */
import { parseArgs } from "node:util";
import pg from "pg";
import { closeEmbedded, openEmbedded } from "../embedded";
import { migrate } from "../migrate";
import { pgExecutor, pgliteExecutor } from "../sql-executor";

const { values } = parseArgs({
  options: { embedded: { type: "string" }, url: { type: "string" }, migrations: { type: "string" } },
});
const log = (line: string) => console.log(line);
try {
  if (values.embedded) {
    const db = await openEmbedded(values.embedded);
    await migrate(pgliteExecutor(db), { migrationsDir: values.migrations, log });
    await closeEmbedded(values.embedded);
  } else {
    const client = new pg.Client({ connectionString: values.url });
    await client.connect();
    await migrate(pgExecutor(client), { migrationsDir: values.migrations, log });
    await client.end();
  }
  console.log("DONE");
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
