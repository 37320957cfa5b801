import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { exportAudit } from "@/lib/server/audit/export-audit";

/** The filtered audit log as a JSON or CSV download. */
export const GET = defineRoute(api["GET /api/v1/audit/export"], async ({ query }) => {
  const file = await exportAudit(query);
  return new Response(file.body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
    },
  });
});
