import { idParamsSchema } from "@/lib/api/schemas/user";
import { defineRoute } from "@/lib/server/http/route";
import { revokeToken } from "@/lib/server/tokens/revoke-token";

/** Revoke (tokens are never deleted, so the audit trail keeps its names). */
export const DELETE = defineRoute({ auth: { role: "admin" }, params: idParamsSchema }, async ({ actor, params }) => ({
  token: await revokeToken(actor, params.id),
}));
