import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { withdrawChangeRequest } from "@/lib/server/change-requests/withdraw-change-request";

/** The author (or an admin) takes the request back. No body. */
export const POST = defineRoute(api["POST /api/v1/change-requests/{id}/withdraw"], async ({ actor, params }) => ({
  changeRequest: await withdrawChangeRequest(actor, params.id),
}));
