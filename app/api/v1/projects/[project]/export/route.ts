import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { exportProject } from "@/lib/server/import-export/export-project";

/** The project's policies as a JSON document (a download; POST it to /api/v1/projects/import). */
export const GET = defineRoute(api["GET /api/v1/projects/{project}/export"], async ({ params }) => {
  const document = await exportProject(params.project);
  return new Response(JSON.stringify(document, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${document.project.slug}.corsboard.json"`,
      "cache-control": "no-store",
    },
  });
});
