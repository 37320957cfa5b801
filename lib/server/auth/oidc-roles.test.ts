import { describe, expect, it } from "vitest";
import { claimValues, parseRoleMap, roleFromClaim } from "@/lib/server/auth/oidc-roles";
import { EnvError, oidcSettings, parseEnv, passwordAllowedFor } from "@/lib/server/env";

const OIDC = { CORSBOARD_OIDC_ISSUER: "https://login.example.com/realms/ops", CORSBOARD_OIDC_CLIENT_ID: "corsboard", CORSBOARD_OIDC_CLIENT_SECRET: "s3cret" };

describe("CORSBOARD_OIDC_ROLE_MAP", () => {
  it("maps claim values to roles; every bad entry is reported", () => {
    const { map, problems } = parseRoleMap("corsboard-admins=admin, corsboard-editors=editor,team=ops=viewer,");
    expect(problems).toEqual([]);
    expect([...map]).toEqual([["corsboard-admins", "admin"], ["corsboard-editors", "editor"], ["team=ops", "viewer"]]);
    expect(parseRoleMap("a=owner,=admin,b").problems).toHaveLength(3);
    expect(parseRoleMap("a=admin,a=viewer").problems[0]).toContain("mapped twice");
  });

  it("the highest mapped role wins; nothing mapped → the default; no map → the role names themselves", () => {
    const map = parseRoleMap("corsboard-admins=admin,corsboard-editors=editor").map;
    expect(roleFromClaim(["staff", "corsboard-editors", "corsboard-admins"], map, "viewer")).toEqual({ role: "admin", matched: ["corsboard-editors", "corsboard-admins"] });
    expect(roleFromClaim(["staff"], map, "viewer")).toEqual({ role: "viewer", matched: [] });
    expect(roleFromClaim([], map, "editor").role).toBe("editor");
    expect(roleFromClaim(["admin"], map, "viewer").role).toBe("viewer");
    expect(roleFromClaim(["editor", "viewer"], new Map(), "viewer").role).toBe("editor");
  });

  it("reads a string, an array or a nested claim; anything else is no value", () => {
    expect(claimValues({ groups: ["a", 1, "b"] }, "groups")).toEqual(["a", "b"]);
    expect(claimValues({ role: "admin" }, "role")).toEqual(["admin"]);
    expect(claimValues({ realm_access: { roles: ["editor"] } }, "realm_access.roles")).toEqual(["editor"]);
    expect(claimValues({ groups: { a: 1 } }, "groups")).toEqual([]);
    expect(claimValues({}, "a.b")).toEqual([]);
  });
});

describe("single sign-on settings", () => {
  it("are off unless the issuer, client id and secret are all set; each missing one is named", () => {
    expect(oidcSettings(parseEnv({}))).toBeNull();
    expect(() => parseEnv({ CORSBOARD_OIDC_ISSUER: OIDC.CORSBOARD_OIDC_ISSUER })).toThrow(/CORSBOARD_OIDC_CLIENT_ID: required[\s\S]*CORSBOARD_OIDC_CLIENT_SECRET: required/);
    const sso = oidcSettings(parseEnv({ ...OIDC, CORSBOARD_OIDC_ISSUER: "https://login.example.com/realms/ops/", CORSBOARD_OIDC_ROLE_CLAIM: "groups", CORSBOARD_OIDC_ROLE_MAP: "ops=admin" }));
    expect(sso).toMatchObject({ issuer: "https://login.example.com/realms/ops", name: "SSO", roleClaim: "groups", defaultRole: "viewer", ssoOnly: false, scopes: ["openid", "email", "profile"] });
    expect(sso?.roleMap.get("ops")).toBe("admin");
  });

  it("bad values name their variable", () => {
    const message = (vars: Record<string, string>) => {
      try {
        parseEnv(vars);
        return "";
      } catch (error) {
        expect(error).toBeInstanceOf(EnvError);
        return (error as Error).message;
      }
    };
    expect(message({ ...OIDC, CORSBOARD_OIDC_ISSUER: "login.example.com" })).toContain("CORSBOARD_OIDC_ISSUER: must be the issuer's URL");
    expect(message({ ...OIDC, CORSBOARD_OIDC_ROLE_MAP: "ops=root" })).toContain("CORSBOARD_OIDC_ROLE_MAP: entry 1 (“ops=root”) must be claim-value=role");
    expect(message({ ...OIDC, CORSBOARD_OIDC_DEFAULT_ROLE: "owner" })).toContain("CORSBOARD_OIDC_DEFAULT_ROLE: must be admin, editor or viewer");
    expect(message({ CORSBOARD_SSO_ONLY: "1" })).toContain("CORSBOARD_SSO_ONLY: needs single sign-on configured");
    expect(message({ ...OIDC, CORSBOARD_BREAK_GLASS_EMAIL: "root@example.com" })).toContain("CORSBOARD_BREAK_GLASS_EMAIL: only means something with CORSBOARD_SSO_ONLY=1");
  });

  it("SSO-only: passwords only for the break-glass account (any case)", () => {
    const ssoOnly = parseEnv({ ...OIDC, CORSBOARD_SSO_ONLY: "1", CORSBOARD_BREAK_GLASS_EMAIL: "Root@Example.com" });
    expect(passwordAllowedFor("root@example.com", ssoOnly)).toBe(true);
    expect(passwordAllowedFor(" ROOT@example.com", ssoOnly)).toBe(true);
    expect(passwordAllowedFor("alice@example.com", ssoOnly)).toBe(false);
    expect(passwordAllowedFor("alice@example.com", parseEnv({ ...OIDC, CORSBOARD_SSO_ONLY: "1" }))).toBe(false);
    expect(passwordAllowedFor("alice@example.com", parseEnv(OIDC))).toBe(true);
    expect(passwordAllowedFor("alice@example.com", parseEnv({}))).toBe(true);
  });
});
