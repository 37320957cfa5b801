import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import type { Me } from "@/lib/api/schemas/user";

export const GET = defineRoute(api["GET /api/v1/me"], async ({ actor }): Promise<Me> =>
  actor.kind === "user"
    ? { kind: "user", id: actor.id, name: actor.name, email: actor.email, role: actor.role }
    : { kind: "token", id: actor.id, name: actor.name, email: null, role: actor.role },
);
