import { migrationExportQuerySchema, migrationReportParamsSchema } from "@/lib/api/schemas/migration-check";
import { defineRoute } from "@/lib/server/http/route";
import { exportMigrationReport } from "@/lib/server/migration-checks/export-migration-report";

/** A saved report as a JSON, CSV or Markdown download (evidence). */
export const GET = defineRoute({ auth: { role: "viewer" }, params: migrationReportParamsSchema, query: migrationExportQuerySchema }, async ({ params, query }) => {
  const file = await exportMigrationReport(params.id, query.format);
  return new Response(file.body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
    },
  });
});
