import { initialPasswordRule } from "@/lib/api/schemas/initial-password";
import { oidcSettings } from "@/lib/server/env";
import { validationFailed } from "@/lib/server/errors";

/** The password to store (or none), or a 422 naming `body.password` with what to do instead. */
export function checkInitialPassword(email: string, password: string | undefined): string | undefined {
  const rule = initialPasswordRule({ sso: oidcSettings() }, email);
  if (rule === "required" && password === undefined) {
    throw validationFailed([{ field: "body.password", code: "required", message: "Enter an initial password: without single sign-on it is the only way this account can sign in." }]);
  }
  if (rule === "refused" && password !== undefined) {
    const name = oidcSettings()?.name ?? "single sign-on";
    throw validationFailed([{ field: "body.password", code: "sso_only", message: `Leave the password empty: passwords are turned off here, ${email} signs in with ${name}.` }]);
  }
  return password;
}
