import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { prisma } from "@/lib/server/db/client";
import { env, publicUrl } from "@/lib/server/env";
import { resolveAuthSecret } from "@/lib/server/auth/auth-secret";
import { dashboardOrigins } from "@/lib/server/http/same-origin";
import { AUTH_CLIENT_ADDRESS_HEADER } from "@/lib/server/http/client-address";

function buildAuth(secret: string) {
  const e = env();
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
      session: {
        create: {
          // A disabled account can't start a session.
          before: async (session) => {
            const user = await prisma.user.findUnique({ where: { id: session.userId }, select: { disabledAt: true } });
            if (!user || user.disabledAt) return false;
            return { data: session };
          },
        },
      },
    },
    telemetry: { enabled: false },
    plugins: [nextCookies()],
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
