import { addOriginsRequestSchema, environmentParamsSchema } from "@/lib/api/schemas/editing";
import { defineRoute } from "@/lib/server/http/route";
import { addOrigins } from "@/lib/server/drafts/add-origins";

/** Add origins (merged with concurrent edits, no revision; duplicates skipped). */
export const POST = defineRoute(
  { auth: { role: "editor" }, params: environmentParamsSchema, body: addOriginsRequestSchema, maxBodyBytes: 16 * 1024 * 1024 },
  async ({ actor, params, body }) => addOrigins(actor, params.project, params.environment, body),
);
