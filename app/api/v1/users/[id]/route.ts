import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { updateUser } from "@/lib/server/users/update-user";

export const PATCH = defineRoute(
  api["PATCH /api/v1/users/{id}"],
  async ({ actor, params, body }) => ({ user: await updateUser(actor, params.id, body) }),
);
