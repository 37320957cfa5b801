import { compareQuerySchema } from "@/lib/api/schemas/editing";
import { projectParamsSchema } from "@/lib/api/schemas/project";
import { defineRoute } from "@/lib/server/http/route";
import { compareEnvironments } from "@/lib/server/compare/compare-environments";

export const GET = defineRoute({ auth: { role: "viewer" }, params: projectParamsSchema, query: compareQuerySchema }, async ({ params, query }) =>
  compareEnvironments(params.project, query),
);
