import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { listAudit } from "@/lib/server/audit/list-audit";

export const GET = defineRoute(api["GET /api/v1/audit"], async ({ query }) => listAudit(query));
