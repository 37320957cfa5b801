import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { getChangeRequest } from "@/lib/server/change-requests/get-change-request";

export const GET = defineRoute(api["GET /api/v1/change-requests/{id}"], async ({ params }) => ({
  changeRequest: await getChangeRequest(params.id),
}));
