import { idParamsSchema, updateUserRequestSchema } from "@/lib/api/schemas/user";
import { defineRoute } from "@/lib/server/http/route";
import { updateUser } from "@/lib/server/users/update-user";

export const PATCH = defineRoute(
  { auth: { role: "admin" }, params: idParamsSchema, body: updateUserRequestSchema, maxBodyBytes: 16 * 1024 },
  async ({ actor, params, body }) => ({ user: await updateUser(actor, params.id, body) }),
);
