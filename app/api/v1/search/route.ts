import { searchQuerySchema } from "@/lib/api/schemas/editing";
import { defineRoute } from "@/lib/server/http/route";
import { searchOrigins } from "@/lib/server/search/search-origins";

export const GET = defineRoute({ auth: { role: "viewer" }, query: searchQuerySchema }, async ({ query }) => searchOrigins(query.origin));
