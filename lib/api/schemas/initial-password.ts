/**
 * Whether a new account takes an initial password, from how people sign in
 * here: without single sign-on a password is the only way in (required);
 * with it the account can be linked by email at the first SSO sign-in
 * (optional); in SSO-only mode a password could never be used, so asking for
 * one would only leave an unusable secret behind (refused), except for the
 * break-glass account, which exists to sign in with its password (required).
 * Pure: the server applies it to its settings (lib/server/users/initial-password.ts),
 * the Add-a-user form to the same settings handed down by its page.
 */
export type InitialPasswordRule = "required" | "optional" | "refused";

export interface SignInSettings {
  sso: { ssoOnly: boolean; breakGlassEmail: string | null } | null;
}

export function initialPasswordRule({ sso }: SignInSettings, email: string): InitialPasswordRule {
  if (!sso) return "required";
  if (!sso.ssoOnly) return "optional";
  return sso.breakGlassEmail !== null && email.trim().toLowerCase() === sso.breakGlassEmail ? "required" : "refused";
}
