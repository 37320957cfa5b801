import { reorderEnvironmentsRequestSchema } from "@/lib/api/schemas/editing";
import { projectParamsSchema } from "@/lib/api/schemas/project";
import { defineRoute } from "@/lib/server/http/route";
import { reorderEnvironments } from "@/lib/server/environments/reorder-environments";

export const PUT = defineRoute(
  { auth: { role: "editor" }, params: projectParamsSchema, body: reorderEnvironmentsRequestSchema, maxBodyBytes: 16 * 1024 },
  async ({ actor, params, body }) => ({ project: await reorderEnvironments(actor, params.project, body.order) }),
);
