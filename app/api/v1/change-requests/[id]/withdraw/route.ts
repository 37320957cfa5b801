import { changeRequestParamsSchema } from "@/lib/api/schemas/editing";
import { defineRoute } from "@/lib/server/http/route";
import { withdrawChangeRequest } from "@/lib/server/change-requests/withdraw-change-request";

/** The author (or an admin) takes the request back. No body. */
export const POST = defineRoute({ auth: { role: "editor" }, params: changeRequestParamsSchema }, async ({ actor, params }) => ({
  changeRequest: await withdrawChangeRequest(actor, params.id),
}));
