import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { listChangeRequests } from "@/lib/server/change-requests/list-change-requests";

export const GET = defineRoute(api["GET /api/v1/change-requests"], async ({ query }) => ({
  changeRequests: await listChangeRequests(query),
}));
