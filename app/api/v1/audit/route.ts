import { auditQuerySchema } from "@/lib/api/schemas/audit";
import { defineRoute } from "@/lib/server/http/route";
import { listAudit } from "@/lib/server/audit/list-audit";

export const GET = defineRoute({ auth: { role: "viewer" }, query: auditQuerySchema }, async ({ query }) => listAudit(query));
