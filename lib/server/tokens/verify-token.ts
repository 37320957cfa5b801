import { prisma } from "@/lib/server/db/client";
import type { Actor } from "@/lib/server/auth/actor";
import { hashTokenSecret } from "@/lib/server/tokens/token-secret";

/** Last-used times are written at most this often per token, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Resolve a bearer secret to its token, or null when unknown or revoked. */
export async function verifyToken(secret: string): Promise<Extract<Actor, { kind: "token" }> | null> {
  if (secret.length < 16 || secret.length > 256) return null;
  const token = await prisma.apiToken.findUnique({ where: { secretHash: hashTokenSecret(secret) } });
  if (!token || token.revokedAt) return null;
  const now = Date.now();
  if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date(now) } });
  }
  return {
    kind: "token",
    id: token.id,
    name: token.name,
    scope: token.scope,
    projectId: token.projectId,
    environmentId: token.environmentId,
    role: token.scope === "admin" ? "admin" : null,
  };
}
