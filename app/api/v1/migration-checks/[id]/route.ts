import { migrationReportParamsSchema } from "@/lib/api/schemas/migration-check";
import { defineRoute } from "@/lib/server/http/route";
import { getMigrationReport } from "@/lib/server/migration-checks/get-migration-report";

/** One saved migration-check report with its matrix. */
export const GET = defineRoute({ auth: { role: "viewer" }, params: migrationReportParamsSchema }, async ({ params }) => ({
  report: await getMigrationReport(params.id),
}));
