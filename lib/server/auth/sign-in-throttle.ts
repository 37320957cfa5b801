import { createHash } from "node:crypto";
import { prisma } from "@/lib/server/db/client";
import { env } from "@/lib/server/env";

/** The per-account window: attempts are counted from the first one for this long. */
export const ACCOUNT_WINDOW_MS = 15 * 60 * 1000;

/** Expired rows are deleted at most this often (per process). */
const PRUNE_EVERY_MS = 60 * 1000;
let lastPrunedAt = -Infinity;

export type SignInReservation = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** The throttle's key for an email: sha256 of the address as better-auth looks it up (trimmed, lowercased). */
export function accountKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

/**
 * Count one sign-in attempt for this account before the password is checked,
 * and say whether it may go on. Counting first (one atomic upsert) is what
 * makes the limit hold under parallel guesses and across instances: 100
 * simultaneous attempts get exactly `limit` through. The window is fixed: it
 * starts at the first attempt and lasts ACCOUNT_WINDOW_MS; past the limit,
 * every attempt — the right password included — is refused until it ends.
 * A successful sign-in clears the count (clearSignInAttempts).
 */
export async function reserveSignInAttempt(email: string, now = new Date()): Promise<SignInReservation> {
  const limit = env().CORSBOARD_AUTH_ACCOUNT_LIMIT;
  if (limit === 0) return { allowed: true };
  const windowStartedBefore = new Date(now.getTime() - ACCOUNT_WINDOW_MS);
  // A row is written for every email tried — before any other limit, for
  // addresses that are no account too — so without this the table grows with
  // every guess forever. A row whose window ended counts for nothing: delete
  // those, at most once a minute, which bounds the table by 15 minutes' guesses.
  if (now.getTime() - lastPrunedAt >= PRUNE_EVERY_MS) {
    lastPrunedAt = now.getTime();
    await prisma.signInThrottle.deleteMany({ where: { windowStart: { lte: windowStartedBefore } } });
  }
  const rows = await prisma.$queryRaw<{ attempts: number; windowStart: Date }[]>`
    INSERT INTO "sign_in_throttle" ("key", "attempts", "windowStart") VALUES (${accountKey(email)}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "attempts" = CASE WHEN "sign_in_throttle"."windowStart" <= ${windowStartedBefore} THEN 1 ELSE "sign_in_throttle"."attempts" + 1 END,
      "windowStart" = CASE WHEN "sign_in_throttle"."windowStart" <= ${windowStartedBefore} THEN ${now} ELSE "sign_in_throttle"."windowStart" END
    RETURNING "attempts", "windowStart"`;
  const row = rows[0];
  if (!row || row.attempts <= limit) return { allowed: true };
  const endsAt = new Date(row.windowStart).getTime() + ACCOUNT_WINDOW_MS;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)) };
}

/** After a successful sign-in: the account's count starts over. */
export async function clearSignInAttempts(email: string): Promise<void> {
  await prisma.signInThrottle.deleteMany({ where: { key: accountKey(email) } });
}
