import path from "node:path";
import { z } from "zod";
import { PASSWORD_RULE, passwordProblem } from "../api/schemas/password";
import { parseHostMap } from "./probe/host-map";
import { parseIpRanges, type IpRanges } from "./http/ip-range";
import { parseRoleMap } from "./auth/oidc-roles";

/**
 * Environment configuration, parsed once. Every variable is optional: with
 * nothing set, Corsboard runs on the embedded database in ./.corsboard/data.
 * A bad value stops the process with a message naming the variable.
 */
const booleanFlag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .transform((v) => v === "1" || v === "true" || v === "yes");

/** `project:environment:secret[,…]` (slugs, then a secret of at least 16 characters); secrets are never echoed in messages. */
const initClientTokens = z.string().transform((value, ctx) => {
  const entries: { project: string; environment: string; secret: string }[] = [];
  for (const [i, raw] of value.split(",").entries()) {
    const item = raw.trim();
    if (!item) continue;
    const m = /^([a-z0-9][a-z0-9-]*):([a-z0-9][a-z0-9-]*):(.*)$/.exec(item);
    if (!m || (m[3] ?? "").length < 16) {
      ctx.addIssue({
        code: "custom",
        message: `entry ${i + 1} must be project:environment:secret (project and environment slugs, then a secret of at least 16 characters), entries separated by commas`,
      });
      return z.NEVER;
    }
    entries.push({ project: m[1] as string, environment: m[2] as string, secret: m[3] as string });
  }
  return entries;
});

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().optional(),
  /** PostgreSQL server; unset → embedded PGlite. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgresql:// (or leave it unset for the embedded database)")
    .optional(),
  /** Data directory of the embedded database. */
  CORSBOARD_DATA_DIR: z.string().min(1).default(".corsboard/data"),
  /** The data directory's lock expires this long after its owner's last heartbeat (a crashed owner on another host or PID namespace). */
  CORSBOARD_DATA_DIR_LOCK_STALE_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  /** Public URL of the dashboard (better-auth base URL, links). */
  CORSBOARD_PUBLIC_URL: z.url().optional(),
  /** Extra origins allowed to post to the auth endpoints, comma-separated. */
  CORSBOARD_TRUSTED_ORIGINS: z.string().default(""),
  /** Session-signing secret; unset → generated once and stored in the database. */
  BETTER_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  CORSBOARD_ADMIN_EMAIL: z.email().optional(),
  /** Held to the one password rule (lib/api/schemas/password.ts), like every other way of setting a password. */
  CORSBOARD_ADMIN_PASSWORD: z.string().superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: `${problem} (${PASSWORD_RULE})` });
  }).optional(),
  CORSBOARD_INIT_ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** Config read tokens (services) to create or refresh at startup. */
  CORSBOARD_INIT_CLIENT_TOKENS: initClientTokens.optional(),
  /** Create the demo project on first start. */
  CORSBOARD_SEED_DEMO: booleanFlag.default(true),
  /** Let POST /api/v1/probe reach loopback, private and link-local addresses (local testing only). */
  CORSBOARD_PROBE_ALLOW_PRIVATE: booleanFlag.default(false),
  /** Static host → address map for probes, `*.test=127.0.0.1,…` (test hosts; mapped addresses still pass the SSRF guard). */
  CORSBOARD_PROBE_HOST_MAP: z
    .string()
    .default("")
    .superRefine((value, ctx) => {
      for (const problem of parseHostMap(value).problems) ctx.addIssue({ code: "custom", message: problem });
    }),
  /** Single probes (POST /api/v1/probe) per minute per user or token; migration checks and saved-check runs have their own per-run limits. */
  CORSBOARD_PROBE_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  /** Wait this long after a publish before running the environment's saved checks (services follow within ~1 s); 0 = at once. */
  CORSBOARD_CHECKS_AFTER_PUBLISH_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(3000),
  /** Config API consumers gone (unseen) for this many days are deleted from the consumer list. */
  CORSBOARD_CONSUMER_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  /** On SIGTERM/SIGINT the server ends streams and long-polls, flushes, closes the database and exits within this many ms. */
  CORSBOARD_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Bearer token that unlocks GET /metrics (Prometheus); unset and no CORSBOARD_METRICS_PORT → /metrics is 404. */
  CORSBOARD_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** Serve /metrics on this port too, without a token (bind it where only the scraper reaches). */
  CORSBOARD_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Sign-in attempts allowed per client address per 10 s (0 disables the limit; tests use it). */
  CORSBOARD_AUTH_RATE_LIMIT: z.coerce.number().int().min(0).default(10),
  /** Sign-in attempts allowed per account (email) per 15 minutes, from any address, before every sign-in of it is refused until the window ends (0 disables it). */
  CORSBOARD_AUTH_ACCOUNT_LIMIT: z.coerce.number().int().min(0).default(10),
  /** Reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For is believed; unset → the socket's address is the client's. */
  CORSBOARD_TRUSTED_PROXIES: z
    .string()
    .default("")
    .superRefine((value, ctx) => {
      for (const problem of parseIpRanges(value).problems) ctx.addIssue({ code: "custom", message: problem });
    }),
  /** OpenID Connect issuer (its /.well-known/openid-configuration is read); set with the client id and secret to show "Sign in with …". */
  CORSBOARD_OIDC_ISSUER: z.url("must be the issuer's URL, e.g. https://login.example.com/realms/ops").optional(),
  CORSBOARD_OIDC_CLIENT_ID: z.string().optional(),
  CORSBOARD_OIDC_CLIENT_SECRET: z.string().optional(),
  /** The provider's name on the login button ("Sign in with <name>"). */
  CORSBOARD_OIDC_NAME: z.string().max(60, "must be at most 60 characters").default("SSO"),
  /** Scopes asked for, space-separated (add the one that releases the role claim, e.g. "groups"). */
  CORSBOARD_OIDC_SCOPES: z.string().default("openid email profile"),
  /** Claim holding the user's groups or roles (a dotted path for nested claims, e.g. realm_access.roles); unset → roles are managed in Corsboard. */
  CORSBOARD_OIDC_ROLE_CLAIM: z.string().regex(/^[^.\s]+(\.[^.\s]+)*$/, "must be a claim name or a dotted path, e.g. groups or realm_access.roles").optional(),
  /** `claim value=role[,…]`, roles admin | editor | viewer; unset → the values admin, editor and viewer themselves. */
  CORSBOARD_OIDC_ROLE_MAP: z.string().default("").superRefine((value, ctx) => {
    for (const problem of parseRoleMap(value).problems) ctx.addIssue({ code: "custom", message: problem });
  }),
  /** Role of a user whose claim maps to no role (and of users created at their first sign-in when no claim is configured). */
  CORSBOARD_OIDC_DEFAULT_ROLE: z.enum(["admin", "editor", "viewer"], "must be admin, editor or viewer").default("viewer"),
  /** Passwords are refused (sign-in, change, reset) for everyone but CORSBOARD_BREAK_GLASS_EMAIL; needs OIDC configured. */
  CORSBOARD_SSO_ONLY: booleanFlag.default(false),
  /** The one account that keeps its password in SSO-only mode (an admin, for when the identity provider is down). */
  CORSBOARD_BREAK_GLASS_EMAIL: z.email().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Treat empty strings as unset, as shells and .env files often produce them.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  if (result.data.CORSBOARD_ADMIN_EMAIL && !result.data.CORSBOARD_ADMIN_PASSWORD) {
    throw new EnvError("Invalid environment configuration:\n  CORSBOARD_ADMIN_PASSWORD: required when CORSBOARD_ADMIN_EMAIL is set");
  }
  const oidcProblems = oidcSettingProblems(result.data);
  if (oidcProblems.length > 0) throw new EnvError(`Invalid environment configuration:\n${oidcProblems.map((p) => `  ${p}`).join("\n")}`);
  return result.data;
}

let cached: Env | undefined;

/** The process environment, parsed once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Absolute path of the embedded database's data directory. */
export function dataDir(e: Env = env()): string {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), e.CORSBOARD_DATA_DIR);
}

/** CORSBOARD_PUBLIC_URL when set (what services use to reach the dashboard), else null: the browser's location is the best guess. */
export function configuredPublicUrl(e: Env = env()): string | null {
  return e.CORSBOARD_PUBLIC_URL?.replace(/\/$/, "") ?? null;
}

/** The dashboard's public URL (better-auth base URL). */
export function publicUrl(e: Env = env()): string {
  return (e.CORSBOARD_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
}

/** CORSBOARD_TRUSTED_PROXIES, parsed (validated when the environment is parsed). */
export function trustedProxies(e: Env = env()): IpRanges {
  return parseIpRanges(e.CORSBOARD_TRUSTED_PROXIES).ranges;
}

/** The three OIDC variables go together; SSO-only needs them. Messages name the variable. */
function oidcSettingProblems(e: Env): string[] {
  const problems: string[] = [];
  const set = { CORSBOARD_OIDC_ISSUER: e.CORSBOARD_OIDC_ISSUER, CORSBOARD_OIDC_CLIENT_ID: e.CORSBOARD_OIDC_CLIENT_ID, CORSBOARD_OIDC_CLIENT_SECRET: e.CORSBOARD_OIDC_CLIENT_SECRET };
  const given = Object.entries(set).filter(([, v]) => v !== undefined);
  if (given.length > 0 && given.length < 3) {
    for (const [name, value] of Object.entries(set)) {
      if (value === undefined) problems.push(`${name}: required when ${given.map(([n]) => n).join(" and ")} ${given.length === 1 ? "is" : "are"} set (single sign-on needs the issuer, the client id and the client secret)`);
    }
  }
  if (e.CORSBOARD_SSO_ONLY && given.length < 3) problems.push("CORSBOARD_SSO_ONLY: needs single sign-on configured (CORSBOARD_OIDC_ISSUER, CORSBOARD_OIDC_CLIENT_ID, CORSBOARD_OIDC_CLIENT_SECRET)");
  if (e.CORSBOARD_BREAK_GLASS_EMAIL && !e.CORSBOARD_SSO_ONLY) problems.push("CORSBOARD_BREAK_GLASS_EMAIL: only means something with CORSBOARD_SSO_ONLY=1 (without it every account may use its password)");
  return problems;
}

/** Single sign-on settings, or null when it is not configured. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  scopes: string[];
  roleClaim: string | null;
  roleMap: Map<string, "admin" | "editor" | "viewer">;
  defaultRole: "admin" | "editor" | "viewer";
  ssoOnly: boolean;
  breakGlassEmail: string | null;
}

export function oidcSettings(e: Env = env()): OidcSettings | null {
  if (!e.CORSBOARD_OIDC_ISSUER || !e.CORSBOARD_OIDC_CLIENT_ID || !e.CORSBOARD_OIDC_CLIENT_SECRET) return null;
  return {
    issuer: e.CORSBOARD_OIDC_ISSUER.replace(/\/$/, ""),
    clientId: e.CORSBOARD_OIDC_CLIENT_ID,
    clientSecret: e.CORSBOARD_OIDC_CLIENT_SECRET,
    name: e.CORSBOARD_OIDC_NAME,
    scopes: e.CORSBOARD_OIDC_SCOPES.split(/\s+/).filter(Boolean),
    roleClaim: e.CORSBOARD_OIDC_ROLE_CLAIM ?? null,
    roleMap: parseRoleMap(e.CORSBOARD_OIDC_ROLE_MAP).map,
    defaultRole: e.CORSBOARD_OIDC_DEFAULT_ROLE,
    ssoOnly: e.CORSBOARD_SSO_ONLY,
    breakGlassEmail: e.CORSBOARD_BREAK_GLASS_EMAIL?.toLowerCase() ?? null,
  };
}

/** Whether this account may use a password: always, unless SSO-only mode is on and it is not the break-glass account. */
export function passwordAllowedFor(email: string, e: Env = env()): boolean {
  const sso = oidcSettings(e);
  if (!sso?.ssoOnly) return true;
  return sso.breakGlassEmail !== null && email.trim().toLowerCase() === sso.breakGlassEmail;
}
