import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { revokeToken } from "@/lib/server/tokens/revoke-token";

/** Revoke (tokens are never deleted, so the audit trail keeps its names). */
export const DELETE = defineRoute(api["DELETE /api/v1/tokens/{id}"], async ({ actor, params }) => ({
  token: await revokeToken(actor, params.id),
}));
