import { oidcSettings, passwordAllowedFor } from "@/lib/server/env";
import { validationFailed } from "@/lib/server/errors";

/**
 * Whether a new account takes an initial password, from how people sign in
 * here: without single sign-on a password is the only way in (required);
 * with it the account can be linked by email at the first SSO sign-in
 * (optional); in SSO-only mode a password could never be used, so asking for
 * one would only leave an unusable secret behind (refused), except for the
 * break-glass account, which exists to sign in with its password (required).
 */
export type InitialPasswordRule = "required" | "optional" | "refused";

export function initialPasswordRule(email: string): InitialPasswordRule {
  const sso = oidcSettings();
  if (!sso) return "required";
  if (!sso.ssoOnly) return "optional";
  return passwordAllowedFor(email) ? "required" : "refused";
}

/** The password to store (or none), or a 422 naming `body.password` with what to do instead. */
export function checkInitialPassword(email: string, password: string | undefined): string | undefined {
  const rule = initialPasswordRule(email);
  if (rule === "required" && password === undefined) {
    throw validationFailed([{ field: "body.password", code: "required", message: "Enter an initial password: without single sign-on it is the only way this account can sign in." }]);
  }
  if (rule === "refused" && password !== undefined) {
    const name = oidcSettings()?.name ?? "single sign-on";
    throw validationFailed([{ field: "body.password", code: "sso_only", message: `Leave the password empty: passwords are turned off here, ${email} signs in with ${name}.` }]);
  }
  return password;
}
