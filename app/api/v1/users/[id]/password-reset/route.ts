import { idParamsSchema } from "@/lib/api/schemas/user";
import { defineRoute, json } from "@/lib/server/http/route";
import { issuePasswordReset } from "@/lib/server/accounts/password-reset";

export const POST = defineRoute({ auth: { role: "admin" }, params: idParamsSchema }, async ({ actor, params }) =>
  json(await issuePasswordReset(actor, params.id), 201),
);
