import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { listSessions, revokeSessions } from "@/lib/server/accounts/sessions";
import { currentSessionId } from "@/lib/server/accounts/current-session";

export const GET = defineRoute(api["GET /api/v1/me/sessions"], async ({ req, actor }) => ({
  sessions: await listSessions(actor, await currentSessionId(req.headers)),
}));

export const DELETE = defineRoute(api["DELETE /api/v1/me/sessions"], async ({ req, actor, query }) =>
  revokeSessions(actor, await currentSessionId(req.headers), query.keep ?? "none"),
);
