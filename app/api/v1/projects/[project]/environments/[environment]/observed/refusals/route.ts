import { environmentParamsSchema } from "@/lib/api/schemas/editing";
import { listRefusals } from "@/lib/server/config/list-refusals";
import { defineRoute } from "@/lib/server/http/route";

/** What services of this environment refused in the last hour, by reason kind (the editor's hints). */
export const GET = defineRoute({ auth: { role: "viewer" }, params: environmentParamsSchema }, async ({ params }) => listRefusals(params.project, params.environment));
