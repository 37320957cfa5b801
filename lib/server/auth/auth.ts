import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { prisma } from "@/lib/server/db/client";
import { env, oidcSettings, publicUrl, type OidcSettings } from "@/lib/server/env";
import { applySsoSignIn, mapSsoProfile, ssoUserCreateData } from "@/lib/server/auth/oidc-sign-in";
import { resolveAuthSecret } from "@/lib/server/auth/auth-secret";
import { dashboardOrigins } from "@/lib/server/http/same-origin";
import { AUTH_CLIENT_ADDRESS_HEADER } from "@/lib/server/http/client-address";

/** The provider id of the single sign-on (its callback is /api/auth/callback/oidc). */
export const OIDC_PROVIDER_ID = "oidc";

/**
 * Single sign-on through better-auth's genericOAuth plugin (discovery,
 * PKCE, ID-token verification against the issuer's keys and nonce are its
 * own). Users are created at their first sign-in; an existing account with
 * the same email is linked (the identity provider is trusted for email).
 * Roles: oidc-sign-in.ts.
 */
function ssoPlugins(sso: OidcSettings | null) {
  if (!sso) return [];
  return [
    genericOAuth({
      config: [
        {
          providerId: OIDC_PROVIDER_ID,
          name: sso.name,
          discoveryUrl: `${sso.issuer}/.well-known/openid-configuration`,
          requireIdTokenVerification: true,
          clientId: sso.clientId,
          clientSecret: sso.clientSecret,
          scopes: sso.scopes,
          pkce: true,
          // Signing out ends the Corsboard session only (the identity provider's session is its own business).
          disableProviderLogout: true,
          mapProfileToUser: (profile) => mapSsoProfile(profile, sso),
        },
      ],
    }),
  ];
}

function buildAuth(secret: string) {
  const e = env();
  const sso = oidcSettings(e);
  return betterAuth({
    appName: "Corsboard",
    baseURL: publicUrl(e),
    secret,
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    // Accounts are created by an admin (or the first-run setup), never by
    // public sign-up; the library hashes passwords (scrypt).
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8, maxPasswordLength: 128 },
    user: {
      additionalFields: {
        role: { type: "string", input: false, defaultValue: "viewer" },
        disabledAt: { type: "date", required: false, input: false },
      },
    },
    // A user who already has an account (created by an admin) and signs in
    // with the single sign-on for the first time is linked by email.
    account: { accountLinking: { enabled: true, trustedProviders: sso ? [OIDC_PROVIDER_ID] : [], requireLocalEmailVerified: false } },
    // Where a failed single sign-on lands: the login page shows the reason (?error=…).
    onAPIError: { errorURL: `${publicUrl(e)}/login` },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    // CSRF: POSTs with cookies must come from the dashboard's own origin (the
    // one the request was addressed to), the public URL, or a configured one —
    // the same list the API's check uses (lib/server/http/same-origin.ts).
    trustedOrigins: (request) => dashboardOrigins(request),
    // Per client address: CORSBOARD_AUTH_RATE_LIMIT sign-ins per 10 s. The
    // custom rule is what makes the number true: better-auth's built-in rule
    // for /sign-in/* (3 per 10 s) overrides `max` otherwise. The address is
    // the one the edge saw (auth-handler.ts sets the header; a client can't).
    rateLimit: {
      enabled: e.CORSBOARD_AUTH_RATE_LIMIT > 0,
      window: 10,
      max: Math.max(e.CORSBOARD_AUTH_RATE_LIMIT, 1),
      customRules: { "/sign-in/*": { window: 10, max: Math.max(e.CORSBOARD_AUTH_RATE_LIMIT, 1) } },
    },
    advanced: { ipAddress: { ipAddressHeaders: [AUTH_CLIENT_ADDRESS_HEADER] } },
    databaseHooks: {
      user: {
        create: {
          // Created by a single sign-on: the claim's role, or the default one.
          before: async (user) => ({ data: ssoUserCreateData(user) }),
        },
      },
      session: {
        create: {
          // A disabled account can't start a session. A single sign-on also
          // takes its role from the claim here (audited).
          before: async (session) => {
            if (await applySsoSignIn(session.userId)) return { data: session };
            const user = await prisma.user.findUnique({ where: { id: session.userId }, select: { disabledAt: true } });
            if (!user || user.disabledAt) return false;
            return { data: session };
          },
        },
      },
    },
    telemetry: { enabled: false },
    plugins: [...ssoPlugins(sso), nextCookies()],
  });
}

export type Auth = ReturnType<typeof buildAuth>;

declare global {
  /** One better-auth instance per process, across Next.js's module copies and dev reloads. */
  var corsboardAuth: Promise<Auth> | undefined;
}
const globalForAuth = globalThis;

/** The better-auth instance, created on first use (its secret may live in the database). */
export function getAuth(): Promise<Auth> {
  globalForAuth.corsboardAuth ??= resolveAuthSecret().then(buildAuth).catch((error: unknown) => {
    globalForAuth.corsboardAuth = undefined;
    throw error;
  });
  return globalForAuth.corsboardAuth;
}
