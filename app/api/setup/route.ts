import { api } from "@/lib/api/routes";
import { defineRoute, json } from "@/lib/server/http/route";
import { needsSetup, setUpFirstAdmin } from "@/lib/server/setup/create-first-admin";
import { setupCodeRequired } from "@/lib/server/setup/setup-code";

// Public on purpose: this is how the first admin is created. It only works
// while there is no account at all (afterwards 409), and from another
// machine than the server's only with the one-time code from the server's log.
export const GET = defineRoute(api["GET /api/setup"], async ({ req }) => ({
  needsSetup: await needsSetup(),
  setupCodeRequired: setupCodeRequired(req.headers),
}));

export const POST = defineRoute(api["POST /api/setup"], async ({ req, body }) => json({ user: await setUpFirstAdmin(req.headers, body) }, 201));
