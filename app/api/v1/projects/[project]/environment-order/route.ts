import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { reorderEnvironments } from "@/lib/server/environments/reorder-environments";

export const PUT = defineRoute(
  api["PUT /api/v1/projects/{project}/environment-order"],
  async ({ actor, params, body }) => ({ project: await reorderEnvironments(actor, params.project, body.order) }),
);
