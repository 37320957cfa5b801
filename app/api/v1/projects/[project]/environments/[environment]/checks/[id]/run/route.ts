import { savedCheckParamsSchema } from "@/lib/api/schemas/saved-check";
import { defineRoute } from "@/lib/server/http/route";
import { runSavedChecks } from "@/lib/server/saved-checks/run-saved-checks";

/** Probe one saved check now (one probe token of the caller's rate limit). */
export const POST = defineRoute({ auth: { role: "editor" }, params: savedCheckParamsSchema }, async ({ actor, params }) =>
  runSavedChecks(actor, params.project, params.environment, params.id),
);
