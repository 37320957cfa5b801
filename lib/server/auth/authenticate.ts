import { prisma } from "@/lib/server/db/client";
import { getAuth } from "@/lib/server/auth/auth";
import type { Actor } from "@/lib/server/auth/actor";
import { verifyToken } from "@/lib/server/tokens/verify-token";
import { unauthorized } from "@/lib/server/errors";
import { roleSchema } from "@/lib/api/schemas/user";

/**
 * Identify the caller: an `Authorization: Bearer` API token, or the session
 * cookie. Returns null when neither is present; throws 401 for a bearer
 * token that is wrong or revoked (so a typo'd token never silently falls
 * back to a cookie).
 */
export async function authenticate(headers: Headers): Promise<Actor | null> {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) throw unauthorized("The Authorization header must be `Bearer <token>`.");
    const token = await verifyToken(match[1]);
    if (!token) throw unauthorized("The API token is unknown or revoked.");
    return token;
  }
  return sessionActor(headers);
}

/** The signed-in user of a request, or null. Disabled accounts count as signed out. */
export async function sessionActor(headers: Headers): Promise<Extract<Actor, { kind: "user" }> | null> {
  if (!headers.get("cookie")) return null;
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const user = await prisma.user.findUnique({
    where: { id: session.user.id },
    select: { id: true, email: true, name: true, role: true, disabledAt: true },
  });
  if (!user || user.disabledAt) return null;
  return { kind: "user", id: user.id, email: user.email, name: user.name, role: roleSchema.parse(user.role) };
}
