import { z } from "zod";

/**
 * The one password rule, stated once and enforced on every path that sets a
 * password: first-run setup, an admin creating a user, changing your own,
 * redeeming a reset link, and CORSBOARD_ADMIN_PASSWORD at startup.
 * better-auth's own password endpoints (change, reset) are closed so that
 * nothing sets a password around it (lib/server/auth/auth-handler.ts).
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_MIN_DISTINCT = 5;
export const PASSWORD_RULE = `At least ${PASSWORD_MIN_LENGTH} characters, ${PASSWORD_MIN_DISTINCT} of them different, and not your email address.`;

/** The problem with a password, in words, or null when it follows the rule. */
export function passwordProblem(password: string, email?: string | null): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use a password of at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use a password of at most ${PASSWORD_MAX_LENGTH} characters.`;
  if (new Set(password).size < PASSWORD_MIN_DISTINCT) return `Use at least ${PASSWORD_MIN_DISTINCT} different characters (not "aaaaaaaa" or "abababab").`;
  if (email) {
    const lower = password.toLowerCase();
    const address = email.trim().toLowerCase();
    const local = address.split("@")[0] ?? "";
    if (lower === address || (local.length >= 4 && lower === local)) return "Don't use your email address as your password.";
  }
  return null;
}

/** A new password (the email check is done by the schema that holds the email: `withPasswordRule`). */
export const newPasswordField = z.string({ error: "Enter a password." }).superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** Adds the email part of the rule to an object schema with `email` and a password field. */
export function passwordNotEmail<T extends { email: string }>(field: keyof T & string) {
  return (value: T, ctx: z.RefinementCtx) => {
    const password = value[field];
    if (typeof password !== "string" || passwordProblem(password) !== null) return;
    const problem = passwordProblem(password, value.email);
    if (problem) ctx.addIssue({ code: "custom", path: [field], message: problem });
  };
}

/** Change your own password. */
export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string({ error: "Enter your current password." }).min(1, { error: "Enter your current password." }).max(PASSWORD_MAX_LENGTH, { error: "That is not your current password." }),
  newPassword: newPasswordField,
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

export const changePasswordResultSchema = z.object({ signedOutSessions: z.number().int() });

/** A session of the caller (never its token). */
export const sessionSchema = z.object({
  id: z.string(),
  current: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type SessionInfo = z.infer<typeof sessionSchema>;

export const sessionListSchema = z.object({ sessions: z.array(sessionSchema) });

/** Sign out everywhere (`all`, the default) or everywhere but here (`others`). */
export const revokeSessionsQuerySchema = z.strictObject({ keep: z.enum(["none", "current"]).optional() });
export const revokeSessionsResultSchema = z.object({ signedOutSessions: z.number().int() });

export const sessionParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** What an admin gets when issuing a reset link: the link, shown once. */
export const issuedPasswordResetSchema = z.object({
  /** The link on CORSBOARD_PUBLIC_URL. */
  url: z.string(),
  /** The same link's path, for a page that builds it on the address it is on. */
  path: z.string(),
  expiresAt: z.iso.datetime(),
});
export type IssuedPasswordReset = z.infer<typeof issuedPasswordResetSchema>;

/** The secret of a reset link: 43 base64url characters. */
export const passwordResetParamsSchema = z.object({ token: z.string().min(1).max(100) });

/** What the reset page shows before the new password is chosen. */
export const passwordResetInfoSchema = z.object({ email: z.string(), name: z.string(), expiresAt: z.iso.datetime() });
export type PasswordResetInfo = z.infer<typeof passwordResetInfoSchema>;

export const redeemPasswordResetRequestSchema = z.strictObject({ password: newPasswordField });
export type RedeemPasswordResetRequest = z.infer<typeof redeemPasswordResetRequestSchema>;

export const redeemPasswordResetResultSchema = z.object({ email: z.string() });
