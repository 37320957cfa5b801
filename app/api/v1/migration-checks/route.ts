import { api } from "@/lib/api/routes";
import { defineRoute, json } from "@/lib/server/http/route";
import { listMigrationReports } from "@/lib/server/migration-checks/list-migration-reports";
import { runMigrationCheck } from "@/lib/server/migration-checks/run-migration-check";

/** Saved migration-check reports, newest first, a page at a time (?limit, ?cursor). */
export const GET = defineRoute(api["GET /api/v1/migration-checks"], async ({ query }) => listMigrationReports(query.limit, query.cursor));

/** Run a domain migration check and save its report. */
export const POST = defineRoute(api["POST /api/v1/migration-checks"], async ({ actor, body }) =>
  json({ report: await runMigrationCheck(actor, body) }, 201),
);
