import type { ConfigNames } from "@/lib/server/config/render-config";
import { boundedMemo } from "@/lib/server/config/bounded-memo";
import { configRuntime, type ConfigRuntime } from "@/lib/server/config/config-runtime";
import type { EnvironmentIds } from "@/lib/server/config/environment-lookup";
import type { ConfigToken } from "@/lib/server/config/token-cache";
import { AppError, forbidden, unauthorized } from "@/lib/server/errors";

/** Who is reading which environment's config. */
export interface ConfigAccess {
  runtime: ConfigRuntime;
  token: ConfigToken;
  projectId: string;
  environmentId: string;
  names: ConfigNames;
  /** X-Corsboard-Instance, sanitised ("" when absent). */
  instance: string;
  userAgent: string | null;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

type HeaderSource = { headers: { get(name: string): string | null } };
type Params = { project?: string; environment?: string };

/**
 * Authorises a config API request, in this order so that nobody learns
 * anything before authenticating:
 * 401 no, malformed, unknown or revoked bearer token (session cookies don't count: this API is for services);
 * 403 a config_read token of another project or environment (whether that one exists or not);
 * 404 unknown project or environment (admin tokens only; config tokens can't get here).
 * Costs no query once the token and environment are cached — and then no
 * promise either: the answer (or the AppError) comes synchronously, so the
 * hot path of the config API allocates no promise chain. Callers `await` it
 * or check for a Promise.
 */
export function authorizeConfigRequest(req: HeaderSource, params: Params): ConfigAccess | Promise<ConfigAccess> {
  const runtime = configRuntime();
  if (!runtime.listener.isLive()) return runtime.listener.ensureListening().then(() => authenticate(runtime, req, params));
  return authenticate(runtime, req, params);
}

function authenticate(runtime: ConfigRuntime, req: HeaderSource, params: Params): ConfigAccess | Promise<ConfigAccess> {
  const authorization = req.headers.get("authorization");
  if (!authorization) {
    throw unauthorized("The config API needs an API token: send `Authorization: Bearer <token>` with a config_read token of this environment.");
  }
  const secret = bearerSecret(authorization);
  if (secret === null) throw unauthorized("The Authorization header must be `Bearer <token>`.");
  const cached = runtime.tokens.verifyNow(secret);
  if (cached === undefined) return runtime.tokens.verify(secret).then((token) => scope(runtime, req, params, token));
  return scope(runtime, req, params, cached);
}

/** Authorization header values seen → their bearer secret (null: malformed). A service sends the same one each time. */
const bearerSecret = boundedMemo(10_000, (authorization): string | null => /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] ?? null);

function scope(runtime: ConfigRuntime, req: HeaderSource, params: Params, token: ConfigToken | null): ConfigAccess | Promise<ConfigAccess> {
  if (!token) throw unauthorized("The API token is unknown or revoked.");
  runtime.usage.touchToken(token.id);
  const project = params.project ?? "";
  const environment = params.environment ?? "";
  const access = (ids: EnvironmentIds | null): ConfigAccess => {
    if (!ids) throw new AppError(404, "not_found", `There is no environment "${environment}" in project "${project}".`);
    return {
      runtime,
      token,
      ...ids,
      names: { project, environment },
      instance: sanitizeInstance(req.headers.get("x-corsboard-instance")),
      userAgent: req.headers.get("user-agent")?.slice(0, 200) ?? null,
    };
  };
  if (token.scope === "config_read") {
    if (project !== token.projectSlug || environment !== token.environmentSlug || !token.projectId || !token.environmentId) {
      throw forbidden(
        `This token reads the config of ${token.projectSlug ?? "?"}/${token.environmentSlug ?? "?"} only; use a token of ${project}/${environment}.`,
      );
    }
    return access({ projectId: token.projectId, environmentId: token.environmentId });
  }
  if (!SLUG.test(project) || !SLUG.test(environment)) return access(null);
  const cached = runtime.environments.findNow(project, environment);
  return cached ? access(cached) : runtime.environments.find(project, environment).then(access);
}

/** Printable ASCII, 1–200 characters, no space at either end: what sanitizeInstance leaves as it is. */
const CLEAN_INSTANCE = /^[\x21-\x7e](?:[\x20-\x7e]{0,198}[\x21-\x7e])?$/;

/** Printable ASCII, at most 200 characters: it ends up in the dashboard. */
export function sanitizeInstance(value: string | null): string {
  if (!value) return "";
  if (CLEAN_INSTANCE.test(value)) return value; // the usual case: nothing to strip, trim or cut
  return value.replace(/[^\x20-\x7e]/g, "").trim().slice(0, 200);
}
