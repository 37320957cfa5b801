import { changeRequestParamsSchema, reviewRequestSchema } from "@/lib/api/schemas/editing";
import { defineRoute } from "@/lib/server/http/route";
import { approveChangeRequest } from "@/lib/server/change-requests/approve-change-request";

/** Another editor or admin than the author; publishes in the same transaction. */
export const POST = defineRoute(
  { auth: { role: "editor" }, params: changeRequestParamsSchema, body: reviewRequestSchema, maxBodyBytes: 16 * 1024 },
  async ({ actor, params, body }) => approveChangeRequest(actor, params.id, body),
);
