import { hashPassword, verifyPassword } from "better-auth/crypto";
import { prisma } from "@/lib/server/db/client";
import type { Actor } from "@/lib/server/auth/actor";
import { passwordProblem, type ChangePasswordRequest } from "@/lib/api/schemas/password";
import { clearSignInAttempts, reserveSignInAttempt } from "@/lib/server/auth/sign-in-throttle";
import { passwordAllowedFor } from "@/lib/server/env";
import { conflict, ssoOnly, sessionRequired, RateLimitedError, validationFailed } from "@/lib/server/errors";
import { recordAudit } from "@/lib/server/audit/record-audit";

export interface ChangePasswordOptions {
  actor: Actor;
  /** The session making the change: it stays signed in, every other one of the user is signed out. */
  keepSessionId: string | null;
  input: ChangePasswordRequest;
}

/**
 * A signed-in user changes their own password: the current one is checked
 * with better-auth's scrypt (each wrong guess counts against the account's
 * sign-in limit, so a stolen session can't guess faster than the sign-in
 * form), the new one must follow the password rule, and — in one transaction
 * — the hash is replaced only if it is still the one checked (a reset or
 * another change in between wins), every other session of the user is
 * deleted (signed out everywhere else) and the change is audited.
 */
export async function changePassword({ actor, keepSessionId, input }: ChangePasswordOptions): Promise<{ signedOutSessions: number }> {
  if (actor.kind !== "user") throw sessionRequired("An API token has no password: sign in to change yours.");
  if (!passwordAllowedFor(actor.email)) throw ssoOnly();
  const newProblem = passwordProblem(input.newPassword, actor.email);
  if (newProblem) throw validationFailed([{ field: "body.newPassword", code: "weak_password", message: newProblem }]);

  const account = await prisma.account.findFirst({ where: { userId: actor.id, providerId: "credential" }, select: { id: true, password: true } });
  if (!account?.password) throw conflict("no_password", "This account signs in with single sign-on and has no password to change.");

  const reservation = await reserveSignInAttempt(actor.email);
  if (!reservation.allowed) {
    throw new RateLimitedError(`Too many wrong passwords for this account: try again in ${Math.ceil(reservation.retryAfterSeconds / 60)} minutes.`, reservation.retryAfterSeconds);
  }
  if (!(await verifyPassword({ hash: account.password, password: input.currentPassword }))) {
    throw validationFailed([{ field: "body.currentPassword", code: "wrong_password", message: "That is not your current password." }]);
  }
  await clearSignInAttempts(actor.email);
  if (input.newPassword === input.currentPassword) {
    throw validationFailed([{ field: "body.newPassword", code: "same_password", message: "Choose a password different from the current one." }]);
  }
  const hash = await hashPassword(input.newPassword);

  return prisma.$transaction(async (tx) => {
    const updated = await tx.account.updateMany({ where: { id: account.id, password: account.password }, data: { password: hash } });
    if (updated.count !== 1) throw conflict("password_changed", "The password was changed meanwhile (a reset link, or another tab): sign in again.");
    const { count } = await tx.session.deleteMany({ where: { userId: actor.id, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } });
    await tx.passwordReset.updateMany({ where: { userId: actor.id, usedAt: null }, data: { expiresAt: new Date() } });
    await recordAudit(tx, actor, { action: "user.password-change", targetType: "user", targetId: actor.id, after: { signedOutSessions: count } });
    return { signedOutSessions: count };
  });
}
