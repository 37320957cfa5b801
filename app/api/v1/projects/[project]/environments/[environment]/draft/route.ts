import { environmentParamsSchema, saveDraftRequestSchema } from "@/lib/api/schemas/editing";
import { defineRoute } from "@/lib/server/http/route";
import { getDraft } from "@/lib/server/drafts/get-draft";
import { saveDraft } from "@/lib/server/drafts/save-draft";

/** Room for the largest allowlist the schema accepts (20,000 origins with notes). */
const DRAFT_MAX_BODY_BYTES = 16 * 1024 * 1024;

export const GET = defineRoute({ auth: { role: "viewer" }, params: environmentParamsSchema }, async ({ params }) =>
  getDraft(params.project, params.environment),
);

/** Save the whole draft; 409 `stale_revision` (with `current`) when someone saved in between. */
export const PUT = defineRoute(
  { auth: { role: "editor" }, params: environmentParamsSchema, body: saveDraftRequestSchema, maxBodyBytes: DRAFT_MAX_BODY_BYTES },
  async ({ actor, params, body }) => saveDraft(actor, params.project, params.environment, body),
);
