import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { passwordResetInfo, redeemPasswordReset } from "@/lib/server/accounts/password-reset";

// Public: the link's 256-bit secret is the credential (it works once, for 24 hours).
export const GET = defineRoute(api["GET /api/v1/password-resets/{token}"], async ({ params }) => passwordResetInfo(params.token));

export const POST = defineRoute(
  api["POST /api/v1/password-resets/{token}"],
  async ({ params, body }) => redeemPasswordReset(params.token, body.password),
);
