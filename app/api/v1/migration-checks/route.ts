import { migrationReportListQuerySchema, runMigrationCheckRequestSchema } from "@/lib/api/schemas/migration-check";
import { defineRoute, json } from "@/lib/server/http/route";
import { listMigrationReports } from "@/lib/server/migration-checks/list-migration-reports";
import { runMigrationCheck } from "@/lib/server/migration-checks/run-migration-check";

/** Saved migration-check reports, newest first, a page at a time (?limit, ?cursor). */
export const GET = defineRoute({ auth: { role: "viewer" }, query: migrationReportListQuerySchema }, async ({ query }) => listMigrationReports(query.limit, query.cursor));

/** Run a domain migration check and save its report. */
export const POST = defineRoute({ auth: { role: "editor" }, body: runMigrationCheckRequestSchema, maxBodyBytes: 64 * 1024 }, async ({ actor, body }) =>
  json({ report: await runMigrationCheck(actor, body) }, 201),
);
