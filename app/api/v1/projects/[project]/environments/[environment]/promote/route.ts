import { environmentParamsSchema, promoteRequestSchema } from "@/lib/api/schemas/editing";
import { defineRoute } from "@/lib/server/http/route";
import { promoteOrigins } from "@/lib/server/compare/promote-origins";

/** Copy chosen origins of another environment into this environment's draft. */
export const POST = defineRoute(
  { auth: { role: "editor" }, params: environmentParamsSchema, body: promoteRequestSchema, maxBodyBytes: 4 * 1024 * 1024 },
  async ({ actor, params, body }) => promoteOrigins(actor, params.project, params.environment, body),
);
