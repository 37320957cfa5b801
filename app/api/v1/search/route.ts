import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { searchOrigins } from "@/lib/server/search/search-origins";

export const GET = defineRoute(api["GET /api/v1/search"], async ({ query }) => searchOrigins(query.origin));
