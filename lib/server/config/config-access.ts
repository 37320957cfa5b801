import type { ConfigNames } from "@/lib/server/config/render-config";
import { configRuntime, type ConfigRuntime } from "@/lib/server/config/config-runtime";
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

/**
 * Authorises a config API request, in this order so that nobody learns
 * anything before authenticating:
 * 401 no, malformed, unknown or revoked bearer token (session cookies don't count: this API is for services);
 * 403 a config_read token of another project or environment (whether that one exists or not);
 * 404 unknown project or environment (admin tokens only; config tokens can't get here).
 * Costs no query once the token and environment are cached.
 */
export async function authorizeConfigRequest(req: { headers: { get(name: string): string | null } }, params: { project?: string; environment?: string }): Promise<ConfigAccess> {
  const runtime = configRuntime();
  await runtime.listener.ensureListening();
  const authorization = req.headers.get("authorization");
  if (!authorization) {
    throw unauthorized("The config API needs an API token: send `Authorization: Bearer <token>` with a config_read token of this environment.");
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match?.[1]) throw unauthorized("The Authorization header must be `Bearer <token>`.");
  const token = await runtime.tokens.verify(match[1]);
  if (!token) throw unauthorized("The API token is unknown or revoked.");
  runtime.usage.touchToken(token.id);

  const project = params.project ?? "";
  const environment = params.environment ?? "";
  let ids: { projectId: string; environmentId: string } | null;
  if (token.scope === "config_read") {
    if (project !== token.projectSlug || environment !== token.environmentSlug || !token.projectId || !token.environmentId) {
      throw forbidden(
        `This token reads the config of ${token.projectSlug ?? "?"}/${token.environmentSlug ?? "?"} only; use a token of ${project}/${environment}.`,
      );
    }
    ids = { projectId: token.projectId, environmentId: token.environmentId };
  } else {
    ids = SLUG.test(project) && SLUG.test(environment) ? await runtime.environments.find(project, environment) : null;
    if (!ids) throw new AppError(404, "not_found", `There is no environment "${environment}" in project "${project}".`);
  }
  return {
    runtime,
    token,
    ...ids,
    names: { project, environment },
    instance: sanitizeInstance(req.headers.get("x-corsboard-instance")),
    userAgent: req.headers.get("user-agent")?.slice(0, 200) ?? null,
  };
}

/** Printable ASCII, at most 200 characters: it ends up in the dashboard. */
export function sanitizeInstance(value: string | null): string {
  if (!value) return "";
  return value.replace(/[^\x20-\x7e]/g, "").trim().slice(0, 200);
}
