import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { compareEnvironments } from "@/lib/server/compare/compare-environments";

export const GET = defineRoute(api["GET /api/v1/projects/{project}/compare"], async ({ params, query }) =>
  compareEnvironments(params.project, query),
);
