import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { rejectChangeRequest } from "@/lib/server/change-requests/reject-change-request";

export const POST = defineRoute(
  api["POST /api/v1/change-requests/{id}/reject"],
  async ({ actor, params, body }) => ({ changeRequest: await rejectChangeRequest(actor, params.id, body) }),
);
