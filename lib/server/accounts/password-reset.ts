import { createHash, randomBytes, randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { prisma } from "@/lib/server/db/client";
import { passwordAllowedFor, publicUrl } from "@/lib/server/env";
import type { Actor } from "@/lib/server/auth/actor";
import { roleSchema } from "@/lib/api/schemas/user";
import { passwordProblem, type IssuedPasswordReset, type PasswordResetInfo } from "@/lib/api/schemas/password";
import { AppError, conflict, notFound, ssoOnly, validationFailed } from "@/lib/server/errors";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { clearSignInAttempts } from "@/lib/server/auth/sign-in-throttle";

/** How long a reset link works. */
export const PASSWORD_RESET_TTL_MS = 24 * 60 * 60 * 1000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

const invalidLink = () =>
  new AppError(404, "reset_link_invalid", "This reset link is unknown, already used or expired: ask an admin for a new one.");

/**
 * An admin issues a one-time reset link for a user (there is no email
 * server: the admin passes it on). The secret (256 bits) is in this answer
 * only; the database keeps its sha256. It works once, for 24 hours; issuing
 * another one retires the previous unused link. Audited, without the secret.
 */
export async function issuePasswordReset(actor: Actor, userId: string, now = new Date()): Promise<IssuedPasswordReset> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TTL_MS);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, disabledAt: true } });
    if (!user) throw notFound("The user");
    if (user.disabledAt) throw conflict("user_disabled", `${user.email} is disabled: enable the account before issuing a reset link.`);
    if (!passwordAllowedFor(user.email)) throw ssoOnly(`Passwords are turned off (single sign-on only): ${user.email} signs in with single sign-on.`);
    await tx.passwordReset.updateMany({ where: { userId, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    const row = await tx.passwordReset.create({
      data: { id: randomUUID(), userId, tokenHash: hashToken(token), issuedBy: actor.kind === "user" ? actor.email : `token:${actor.name}`, expiresAt },
    });
    await recordAudit(tx, actor, { action: "user.password-reset-issue", targetType: "user", targetId: userId, after: { resetId: row.id, email: user.email, expiresAt: expiresAt.toISOString() } });
    const path = `/reset-password/${token}`;
    return { url: new URL(path, publicUrl()).toString(), path, expiresAt: expiresAt.toISOString() };
  });
}

async function findUsable(token: string, now: Date) {
  const row = await prisma.passwordReset.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row || row.usedAt || row.expiresAt <= now || row.user.disabledAt) throw invalidLink();
  return row;
}

/** What the reset page shows: whose password the link resets, until when. 404 reset_link_invalid otherwise. */
export async function passwordResetInfo(token: string, now = new Date()): Promise<PasswordResetInfo> {
  const row = await findUsable(token, now);
  return { email: row.user.email, name: row.user.name, expiresAt: row.expiresAt.toISOString() };
}

/**
 * Redeem a reset link: the new password must follow the rule; in one
 * transaction the link is marked used (only if still unused and unexpired:
 * two tabs racing get one success), the password is replaced (a credential
 * is created for an account that had none), every session of the user is
 * signed out, and the reset is audited as done by the user. The account's
 * failed-sign-in count starts over.
 */
export async function redeemPasswordReset(token: string, password: string, now = new Date()): Promise<{ email: string }> {
  const found = await findUsable(token, now);
  if (!passwordAllowedFor(found.user.email)) throw ssoOnly();
  const problem = passwordProblem(password, found.user.email);
  if (problem) throw validationFailed([{ field: "body.password", code: "weak_password", message: problem }]);
  const hash = await hashPassword(password);
  const user = found.user;
  await prisma.$transaction(async (tx) => {
    const claimed = await tx.passwordReset.updateMany({ where: { id: found.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count !== 1) throw invalidLink();
    const updated = await tx.account.updateMany({ where: { userId: user.id, providerId: "credential" }, data: { password: hash } });
    if (updated.count === 0) {
      await tx.account.create({ data: { id: randomUUID(), accountId: user.id, providerId: "credential", userId: user.id, password: hash } });
    }
    const { count } = await tx.session.deleteMany({ where: { userId: user.id } });
    const actor: Actor = { kind: "user", id: user.id, email: user.email, name: user.name, role: roleSchema.parse(user.role) };
    await recordAudit(tx, actor, { action: "user.password-reset", targetType: "user", targetId: user.id, after: { resetId: found.id, issuedBy: found.issuedBy, signedOutSessions: count } });
  });
  await clearSignInAttempts(user.email);
  return { email: user.email };
}
