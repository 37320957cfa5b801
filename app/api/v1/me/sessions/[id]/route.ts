import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { revokeSession } from "@/lib/server/accounts/sessions";

export const DELETE = defineRoute(api["DELETE /api/v1/me/sessions/{id}"], async ({ actor, params }) => revokeSession(actor, params.id));
