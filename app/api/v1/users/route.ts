import { createUserRequestSchema } from "@/lib/api/schemas/user";
import { defineRoute, json } from "@/lib/server/http/route";
import { listUsers } from "@/lib/server/users/list-users";
import { createUser } from "@/lib/server/users/create-user";

export const GET = defineRoute({ auth: { role: "admin" } }, async () => ({ users: await listUsers() }));

export const POST = defineRoute({ auth: { role: "admin" }, body: createUserRequestSchema, maxBodyBytes: 16 * 1024 }, async ({ actor, body }) =>
  json({ user: await createUser(actor, body) }, 201),
);
