import { api } from "@/lib/api/routes";
import { defineRoute, json } from "@/lib/server/http/route";
import { createToken } from "@/lib/server/tokens/create-token";
import { listTokens } from "@/lib/server/tokens/list-tokens";

export const GET = defineRoute(api["GET /api/v1/tokens"], async () => ({ tokens: await listTokens() }));

export const POST = defineRoute(api["POST /api/v1/tokens"], async ({ actor, body }) =>
  json(await createToken(actor, body), 201),
);
