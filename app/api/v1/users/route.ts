import { api } from "@/lib/api/routes";
import { defineRoute, json } from "@/lib/server/http/route";
import { listUsers } from "@/lib/server/users/list-users";
import { createUser } from "@/lib/server/users/create-user";

export const GET = defineRoute(api["GET /api/v1/users"], async () => ({ users: await listUsers() }));

export const POST = defineRoute(api["POST /api/v1/users"], async ({ actor, body }) =>
  json({ user: await createUser(actor, body) }, 201),
);
