import { api } from "@/lib/api/routes";
import { defineRoute, json } from "@/lib/server/http/route";
import { issuePasswordReset } from "@/lib/server/accounts/password-reset";

export const POST = defineRoute(api["POST /api/v1/users/{id}/password-reset"], async ({ actor, params }) =>
  json(await issuePasswordReset(actor, params.id), 201),
);
