import { changeRequestListQuerySchema } from "@/lib/api/schemas/editing";
import { defineRoute } from "@/lib/server/http/route";
import { listChangeRequests } from "@/lib/server/change-requests/list-change-requests";

export const GET = defineRoute({ auth: { role: "viewer" }, query: changeRequestListQuerySchema }, async ({ query }) => ({
  changeRequests: await listChangeRequests(query),
}));
