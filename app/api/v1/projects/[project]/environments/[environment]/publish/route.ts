import { environmentParamsSchema, publishRequestSchema } from "@/lib/api/schemas/editing";
import { defineRoute, json } from "@/lib/server/http/route";
import { publishDraft } from "@/lib/server/publishing/publish-draft";

/** 201 with the new version; 202 with a change request for protected environments. */
export const POST = defineRoute(
  { auth: { role: "editor" }, params: environmentParamsSchema, body: publishRequestSchema, maxBodyBytes: 16 * 1024 },
  async ({ actor, params, body }) => {
    const result = await publishDraft(actor, params.project, params.environment, body);
    return json(result, result.kind === "published" ? 201 : 202);
  },
);
