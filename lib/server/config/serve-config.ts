import { configQuerySchema, MAX_WAIT_SECONDS, type ConfigFormat } from "@/lib/api/schemas/config";
import { authorizeConfigRequest, type ConfigAccess } from "@/lib/server/config/config-access";
import type { LatestPolicy } from "@/lib/server/config/policy-cache";
import { etagMatches } from "@/lib/server/config/render-config";
import type { ConsumerMode } from "@/lib/server/config/usage-recorder";
import { waitForVersion } from "@/lib/server/config/wait-for-version";
import { AppError, validationFailed } from "@/lib/server/errors";
import { errorToResponse } from "@/lib/server/http/problem-response";
import { fieldErrorsFromZod } from "@/lib/server/http/zod-errors";
import { logger } from "@/lib/server/logger";

const DEFAULT_WAIT_SECONDS = 30;

/**
 * `GET /api/v1/config/{project}/{environment}`: the latest published version,
 * from memory, as JSON (default) or `?format=origins|nginx|env`, each with a
 * strong ETag of the bytes served; `If-None-Match` → 304. Long-poll with
 * `?waitForChange=<version>&timeout=<seconds>`.
 */
export async function serveConfig(req: Request, params: { project?: string; environment?: string }): Promise<Response> {
  const started = Date.now();
  let status = 500;
  try {
    const access = await authorizeConfigRequest(req, params);
    const parsed = configQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!parsed.success) throw validationFailed(fieldErrorsFromZod(parsed.error, "query"));
    const query = parsed.data;
    const { runtime } = access;

    let latest = await runtime.policies.latest(access.environmentId);
    let mode: ConsumerMode = "fetch";
    if (query.waitForChange !== undefined) {
      mode = "long-poll";
      const seconds = Math.min(query.timeout ?? DEFAULT_WAIT_SECONDS, MAX_WAIT_SECONDS);
      const known = query.waitForChange;
      const alreadyDifferent = latest ? latest.version.version !== known : known !== 0;
      if (!alreadyDifferent) {
        const result = await waitForVersion(runtime, access.environmentId, known, seconds * 1000, req.signal);
        if (result.kind === "changed") latest = result.latest;
        else if (latest) {
          // Nothing new: the caller already has the latest version.
          const response = answer(access, latest, query.format, mode, req, true);
          status = response.status;
          return response;
        }
      }
    }
    if (!latest) throw nothingPublished(access);
    const response = answer(access, latest, query.format, mode, req, false);
    status = response.status;
    return response;
  } catch (error) {
    const response = errorToResponse(error);
    status = response.status;
    return response;
  } finally {
    logger().debug({ project: params.project, environment: params.environment, status, ms: Date.now() - started }, "config request");
  }
}

export function nothingPublished(access: Pick<ConfigAccess, "names">): AppError {
  return new AppError(
    404,
    "nothing_published",
    `Nothing published yet for ${access.names.project}/${access.names.environment}: publish a version in the dashboard first.`,
  );
}

function answer(access: ConfigAccess, latest: LatestPolicy, format: ConfigFormat, mode: ConsumerMode, req: Request, notModified: boolean): Response {
  const rendered = latest.render(access.names, format);
  const version = latest.version.version;
  access.runtime.usage.record({
    environmentId: access.environmentId,
    tokenId: access.token.id,
    instance: access.instance,
    version,
    mode,
    userAgent: access.userAgent,
  });
  const headers = new Headers({
    etag: rendered.etag,
    "cache-control": "no-cache",
    "x-corsboard-version": String(version),
  });
  if (rendered.nextExpiry) headers.set("x-corsboard-next-expiry", rendered.nextExpiry);
  if (notModified || etagMatches(req.headers.get("if-none-match"), rendered.etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers.set("content-type", rendered.contentType);
  return new Response(new Uint8Array(rendered.body), { status: 200, headers });
}
