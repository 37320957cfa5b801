import { createTokenRequestSchema } from "@/lib/api/schemas/token";
import { defineRoute, json } from "@/lib/server/http/route";
import { createToken } from "@/lib/server/tokens/create-token";
import { listTokens } from "@/lib/server/tokens/list-tokens";

export const GET = defineRoute({ auth: { role: "admin" } }, async () => ({ tokens: await listTokens() }));

export const POST = defineRoute({ auth: { role: "admin" }, body: createTokenRequestSchema, maxBodyBytes: 16 * 1024 }, async ({ actor, body }) =>
  json(await createToken(actor, body), 201),
);
