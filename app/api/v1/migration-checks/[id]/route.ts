import { migrationReportParamsSchema } from "@/lib/api/schemas/migration-check";
import { defineRoute } from "@/lib/server/http/route";
import { readMigrationReport } from "@/lib/server/migration-checks/get-migration-report";

/** One saved migration-check report with its matrix, and where its drafts stand now. */
export const GET = defineRoute({ auth: { role: "viewer" }, params: migrationReportParamsSchema }, async ({ params }) => readMigrationReport(params.id));
