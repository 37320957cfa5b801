import { api } from "@/lib/api/routes";
import { listRefusals } from "@/lib/server/config/list-refusals";
import { defineRoute } from "@/lib/server/http/route";

/** What services of this environment refused in the last hour, by reason kind (the editor's hints). */
export const GET = defineRoute(api["GET /api/v1/projects/{project}/environments/{environment}/observed/refusals"], async ({ params }) => listRefusals(params.project, params.environment));
