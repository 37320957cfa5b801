import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { exportMigrationReport } from "@/lib/server/migration-checks/export-migration-report";

/** A saved report as a JSON, CSV or Markdown download (evidence). */
export const GET = defineRoute(api["GET /api/v1/migration-checks/{id}/export"], async ({ params, query }) => {
  const file = await exportMigrationReport(params.id, query.format);
  return new Response(file.body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
    },
  });
});
