import { setupRequestSchema } from "@/lib/api/schemas/user";
import { defineRoute, json } from "@/lib/server/http/route";
import { createFirstAdmin, needsSetup } from "@/lib/server/setup/create-first-admin";

// Public on purpose: this is how the first admin is created. It only works
// while there is no account at all; afterwards it answers 409.
export const GET = defineRoute({ auth: { public: true } }, async () => ({ needsSetup: await needsSetup() }));

export const POST = defineRoute({ auth: { public: true }, body: setupRequestSchema, maxBodyBytes: 16 * 1024 }, async ({ body }) =>
  json({ user: await createFirstAdmin(body) }, 201),
);
