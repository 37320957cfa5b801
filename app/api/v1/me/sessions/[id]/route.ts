import { sessionParamsSchema } from "@/lib/api/schemas/password";
import { defineRoute } from "@/lib/server/http/route";
import { revokeSession } from "@/lib/server/accounts/sessions";

export const DELETE = defineRoute({ auth: { role: "viewer" }, params: sessionParamsSchema }, async ({ actor, params }) => revokeSession(actor, params.id));
