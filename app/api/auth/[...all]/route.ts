import { handleAuthRequest } from "@/lib/server/auth/auth-handler";

// better-auth's own endpoints (sign-in, sign-out, session), behind the
// per-address and per-account sign-in limits. Public sign-up is disabled.
export async function GET(req: Request): Promise<Response> {
  return handleAuthRequest(req);
}

export async function POST(req: Request): Promise<Response> {
  return handleAuthRequest(req);
}
