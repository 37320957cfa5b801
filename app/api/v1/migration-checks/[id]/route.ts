import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { readMigrationReport } from "@/lib/server/migration-checks/get-migration-report";

/** One saved migration-check report with its matrix, and where its drafts stand now. */
export const GET = defineRoute(api["GET /api/v1/migration-checks/{id}"], async ({ params }) => readMigrationReport(params.id));
