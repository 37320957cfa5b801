import { changeRequestParamsSchema } from "@/lib/api/schemas/editing";
import { defineRoute } from "@/lib/server/http/route";
import { getChangeRequest } from "@/lib/server/change-requests/get-change-request";

export const GET = defineRoute({ auth: { role: "viewer" }, params: changeRequestParamsSchema }, async ({ params }) => ({
  changeRequest: await getChangeRequest(params.id),
}));
