import { versionParamsSchema } from "@/lib/api/schemas/editing";
import { defineRoute } from "@/lib/server/http/route";
import { getVersion } from "@/lib/server/publishing/get-version";

export const GET = defineRoute({ auth: { role: "viewer" }, params: versionParamsSchema }, async ({ params }) =>
  getVersion(params.project, params.environment, params.number),
);
