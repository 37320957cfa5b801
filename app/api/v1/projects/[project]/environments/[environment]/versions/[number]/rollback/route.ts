import { rollbackRequestSchema, versionParamsSchema } from "@/lib/api/schemas/editing";
import { defineRoute, json } from "@/lib/server/http/route";
import { rollbackVersion } from "@/lib/server/publishing/rollback-version";

/** Publish this version's content again as a new version (protected: a change request). */
export const POST = defineRoute(
  { auth: { role: "editor" }, params: versionParamsSchema, body: rollbackRequestSchema, maxBodyBytes: 16 * 1024 },
  async ({ actor, params, body }) => {
    const result = await rollbackVersion(actor, params.project, params.environment, params.number, body);
    return json(result, result.kind === "published" ? 201 : 202);
  },
);
