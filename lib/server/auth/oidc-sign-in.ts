import { AsyncLocalStorage } from "node:async_hooks";
import { APIError } from "better-auth/api";
import { prisma } from "@/lib/server/db/client";
import { oidcSettings, type OidcSettings } from "@/lib/server/env";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { roleSchema } from "@/lib/api/schemas/user";
import type { Actor } from "@/lib/server/auth/actor";
import { claimValues, roleFromClaim, type SsoRole } from "@/lib/server/auth/oidc-roles";
import { logger } from "@/lib/server/logger";

/** What the identity provider said about the user signing in, kept for the rest of that request. */
interface SsoSignIn {
  /** The role the claim grants, or null when no role claim is configured (roles are managed in Corsboard). */
  role: SsoRole | null;
  claim: string | null;
  matched: string[];
  /** Set when better-auth creates the user in this request (first sign-in). */
  created: boolean;
}

interface AuthRequestScope {
  ssoSignIn?: SsoSignIn;
}

declare global {
  /** One store per process: the better-auth instance (and its hooks) is shared across Next.js's module copies. */
  var corsboardAuthRequestScope: AsyncLocalStorage<AuthRequestScope> | undefined;
}
const scopes = (globalThis.corsboardAuthRequestScope ??= new AsyncLocalStorage<AuthRequestScope>());

/** Run one better-auth request with its own scope, so a sign-in's claims reach the database hooks of that request only. */
export function inAuthRequestScope<T>(fn: () => Promise<T>): Promise<T> {
  return scopes.run({}, fn);
}

/**
 * genericOAuth's mapProfileToUser: notes the role the claim grants for this
 * request's hooks, and maps the standard fields. The role is never a user
 * field better-auth could set from the profile (it is `input: false`);
 * Corsboard sets it in the hooks below, audited.
 */
export function mapSsoProfile(profile: Record<string, unknown>, settings: OidcSettings = requireSettings()) {
  const scope = scopes.getStore();
  const values = settings.roleClaim ? claimValues(profile, settings.roleClaim) : [];
  const granted = settings.roleClaim ? roleFromClaim(values, settings.roleMap, settings.defaultRole) : null;
  if (scope) scope.ssoSignIn = { role: granted?.role ?? null, claim: settings.roleClaim, matched: granted?.matched ?? [], created: false };
  const email = typeof profile.email === "string" ? profile.email : undefined;
  const name = typeof profile.name === "string" && profile.name.trim() ? profile.name : (typeof profile.preferred_username === "string" ? profile.preferred_username : email?.split("@")[0]);
  return { ...(email ? { email } : {}), ...(name ? { name } : {}) };
}

function requireSettings(): OidcSettings {
  const settings = oidcSettings();
  if (!settings) throw new Error("single sign-on is not configured");
  return settings;
}

/** databaseHooks.user.create.before: a user created by a single sign-on gets the claim's role, or the default role. */
export function ssoUserCreateData<T extends Record<string, unknown>>(user: T): T {
  const signIn = scopes.getStore()?.ssoSignIn;
  if (!signIn) return user;
  signIn.created = true;
  return { ...user, role: signIn.role ?? requireSettings().defaultRole };
}

/**
 * databaseHooks.session.create.before, for a single sign-on: a disabled
 * account is refused (the login page shows why); the first sign-in is
 * audited; the role follows the claim at every sign-in, each change audited.
 * Returns false when this is not a single sign-on (the caller's other
 * checks apply).
 */
export async function applySsoSignIn(userId: string): Promise<boolean> {
  const signIn = scopes.getStore()?.ssoSignIn;
  if (!signIn) return false;
  const user = await prisma.user.findUnique({ where: { id: userId } });
  if (!user || user.disabledAt) {
    throw new APIError("FORBIDDEN", { code: "account_disabled", message: "This account is disabled: ask an admin." });
  }
  const before = roleSchema.parse(user.role);
  const actor: Actor = { kind: "user", id: user.id, email: user.email, name: user.name, role: before };
  const source = { via: "sso", claim: signIn.claim, matched: signIn.matched };
  await prisma.$transaction(async (tx) => {
    if (signIn.created) {
      await recordAudit(tx, actor, { action: "user.sso-create", targetType: "user", targetId: user.id, after: { email: user.email, name: user.name, role: before, ...source } });
    }
    if (signIn.role && signIn.role !== before) {
      await tx.user.update({ where: { id: user.id }, data: { role: signIn.role } });
      await recordAudit(tx, actor, { action: "user.sso-role", targetType: "user", targetId: user.id, before: { email: user.email, role: before }, after: { email: user.email, role: signIn.role, ...source } });
      logger().info({ userId: user.id, from: before, to: signIn.role }, "single sign-on changed a user's role from the claim");
    }
  });
  return true;
}
