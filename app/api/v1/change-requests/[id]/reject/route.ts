import { changeRequestParamsSchema, rejectRequestSchema } from "@/lib/api/schemas/editing";
import { defineRoute } from "@/lib/server/http/route";
import { rejectChangeRequest } from "@/lib/server/change-requests/reject-change-request";

export const POST = defineRoute(
  { auth: { role: "editor" }, params: changeRequestParamsSchema, body: rejectRequestSchema, maxBodyBytes: 16 * 1024 },
  async ({ actor, params, body }) => ({ changeRequest: await rejectChangeRequest(actor, params.id, body) }),
);
