import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { changePassword } from "@/lib/server/accounts/change-password";
import { currentSessionId } from "@/lib/server/accounts/current-session";

export const POST = defineRoute(api["POST /api/v1/me/password"], async ({ req, actor, body }) =>
  changePassword({ actor, keepSessionId: await currentSessionId(req.headers), input: body }),
);
