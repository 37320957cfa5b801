import { passwordResetParamsSchema, redeemPasswordResetRequestSchema } from "@/lib/api/schemas/password";
import { defineRoute } from "@/lib/server/http/route";
import { passwordResetInfo, redeemPasswordReset } from "@/lib/server/accounts/password-reset";

// Public: the link's 256-bit secret is the credential (it works once, for 24 hours).
export const GET = defineRoute({ auth: { public: true }, params: passwordResetParamsSchema }, async ({ params }) => passwordResetInfo(params.token));

export const POST = defineRoute(
  { auth: { public: true }, params: passwordResetParamsSchema, body: redeemPasswordResetRequestSchema, maxBodyBytes: 4 * 1024 },
  async ({ params, body }) => redeemPasswordReset(params.token, body.password),
);
