import { setupRequestSchema } from "@/lib/api/schemas/user";
import { defineRoute, json } from "@/lib/server/http/route";
import { createFirstAdmin, needsSetup } from "@/lib/server/setup/create-first-admin";
import { assertSetupAllowed, setupCodeRequired } from "@/lib/server/setup/setup-code";

// Public on purpose: this is how the first admin is created. It only works
// while there is no account at all (afterwards 409), and from another
// machine than the server's only with the one-time code from the server's log.
export const GET = defineRoute({ auth: { public: true } }, async ({ req }) => ({
  needsSetup: await needsSetup(),
  setupCodeRequired: setupCodeRequired(req.headers),
}));

export const POST = defineRoute({ auth: { public: true }, body: setupRequestSchema, maxBodyBytes: 16 * 1024 }, async ({ req, body }) => {
  await assertSetupAllowed(req.headers, body.setupCode);
  return json({ user: await createFirstAdmin(body) }, 201);
});
