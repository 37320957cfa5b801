import { prisma } from "@/lib/server/db/client";
import type { Actor } from "@/lib/server/auth/actor";
import type { SessionInfo } from "@/lib/api/schemas/password";
import { notFound, sessionRequired } from "@/lib/server/errors";
import { recordAudit } from "@/lib/server/audit/record-audit";

type UserActor = Extract<Actor, { kind: "user" }>;

function userOnly(actor: Actor): UserActor {
  if (actor.kind !== "user") throw sessionRequired("An API token has no sessions: sign in to see yours.");
  return actor;
}

/** The caller's sessions that have not expired, newest activity first; the tokens are never shown. */
export async function listSessions(actor: Actor, currentId: string | null): Promise<SessionInfo[]> {
  const user = userOnly(actor);
  const rows = await prisma.session.findMany({ where: { userId: user.id, expiresAt: { gt: new Date() } }, orderBy: { updatedAt: "desc" } });
  return rows.map((s) => ({
    id: s.id,
    current: s.id === currentId,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    ipAddress: s.ipAddress ?? null,
    userAgent: s.userAgent ?? null,
  }));
}

/**
 * Sign the caller out everywhere (`keep: "none"`, this session too) or
 * everywhere but here (`keep: "current"`): their session rows are deleted,
 * so each of those browsers is signed out at its next request. Audited.
 */
export async function revokeSessions(actor: Actor, currentId: string | null, keep: "none" | "current"): Promise<{ signedOutSessions: number }> {
  const user = userOnly(actor);
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { userId: user.id, ...(keep === "current" && currentId ? { id: { not: currentId } } : {}) } });
    await recordAudit(tx, actor, { action: keep === "current" ? "user.sign-out-others" : "user.sign-out-everywhere", targetType: "user", targetId: user.id, after: { signedOutSessions: count } });
    return { signedOutSessions: count };
  });
}

/** Sign out one of the caller's sessions. Audited. */
export async function revokeSession(actor: Actor, sessionId: string): Promise<{ signedOutSessions: number }> {
  const user = userOnly(actor);
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { id: sessionId, userId: user.id } });
    if (count === 0) throw notFound("The session");
    await recordAudit(tx, actor, { action: "user.sign-out-session", targetType: "user", targetId: user.id, after: { sessionId } });
    return { signedOutSessions: count };
  });
}
