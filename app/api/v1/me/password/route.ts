import { changePasswordRequestSchema } from "@/lib/api/schemas/password";
import { defineRoute } from "@/lib/server/http/route";
import { changePassword } from "@/lib/server/accounts/change-password";
import { currentSessionId } from "@/lib/server/accounts/current-session";

export const POST = defineRoute({ auth: { role: "viewer" }, body: changePasswordRequestSchema, maxBodyBytes: 4 * 1024 }, async ({ req, actor, body }) =>
  changePassword({ actor, keepSessionId: await currentSessionId(req.headers), input: body }),
);
