import { describe, expect, it } from "vitest";
import { initialPasswordRule } from "./initial-password";

describe("initialPasswordRule (the server's check and the Add-a-user form share it)", () => {
  const ssoOnly = { sso: { ssoOnly: true, breakGlassEmail: "root@corp.test" } };
  it.each([
    ["no single sign-on: required", { sso: null }, "ann@corp.test", "required"],
    ["single sign-on beside passwords: optional", { sso: { ssoOnly: false, breakGlassEmail: null } }, "ann@corp.test", "optional"],
    ["SSO-only: refused", ssoOnly, "ann@corp.test", "refused"],
    ["SSO-only, the break-glass email in any case and spacing: required", ssoOnly, "  ROOT@corp.test ", "required"],
    ["SSO-only without a break-glass account: refused for everyone", { sso: { ssoOnly: true, breakGlassEmail: null } }, "root@corp.test", "refused"],
  ] as const)("%s", (_name, settings, email, rule) => {
    expect(initialPasswordRule(settings, email)).toBe(rule);
  });
});
