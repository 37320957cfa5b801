import { revokeSessionsQuerySchema } from "@/lib/api/schemas/password";
import { defineRoute } from "@/lib/server/http/route";
import { listSessions, revokeSessions } from "@/lib/server/accounts/sessions";
import { currentSessionId } from "@/lib/server/accounts/current-session";

export const GET = defineRoute({ auth: { role: "viewer" } }, async ({ req, actor }) => ({
  sessions: await listSessions(actor, await currentSessionId(req.headers)),
}));

export const DELETE = defineRoute({ auth: { role: "viewer" }, query: revokeSessionsQuerySchema }, async ({ req, actor, query }) =>
  revokeSessions(actor, await currentSessionId(req.headers), query.keep ?? "none"),
);
