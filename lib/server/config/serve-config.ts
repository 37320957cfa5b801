import { configQuerySchema, MAX_WAIT_SECONDS, type ConfigFormat } from "@/lib/api/schemas/config";
import { authorizeConfigRequest, type ConfigAccess } from "@/lib/server/config/config-access";
import { problemConfigReply, type ConfigHttpRequest, type ConfigParams, type ConfigReply } from "@/lib/server/config/config-http";
import { chooseCoding, encodedBody, type Encoded } from "@/lib/server/config/encoded-body";
import type { LatestPolicy } from "@/lib/server/config/policy-cache";
import { etagMatches } from "@/lib/server/config/render-config";
import { shuttingDown } from "@/lib/server/config/shutting-down";
import type { ConsumerMode } from "@/lib/server/config/usage-recorder";
import { waitForVersion } from "@/lib/server/config/wait-for-version";
import { AppError, validationFailed } from "@/lib/server/errors";
import { fieldErrorsFromZod } from "@/lib/server/http/zod-errors";
import { logger } from "@/lib/server/logger";
import { metrics } from "@/lib/server/metrics/metrics";

const DEFAULT_WAIT_SECONDS = 30;

/**
 * `GET /api/v1/config/{project}/{environment}`: the latest published version,
 * from memory, as JSON (default) or `?format=origins|nginx|env`, each with a
 * strong ETag of the bytes served; `If-None-Match` → 304. Long-poll with
 * `?waitForChange=<version>&timeout=<seconds>`. Bodies gzip- or
 * brotli-encoded by `Accept-Encoding` (encoded-body.ts).
 * Transport-independent: see config-http.ts.
 */
export async function serveConfig(req: ConfigHttpRequest, params: ConfigParams): Promise<ConfigReply> {
  const started = Date.now();
  const labels = { format: "json", mode: "fetch" as ConsumerMode };
  let reply: ConfigReply;
  try {
    reply = await serve(req, params, labels);
  } catch (error) {
    reply = problemConfigReply(error);
    if (reply.status === 503) reply.headers.connection = "close";
  }
  metrics().configRequests.inc({ status: String(reply.status), format: labels.format, mode: labels.mode });
  logger().debug({ project: params.project, environment: params.environment, status: reply.status, ms: Date.now() - started }, "config request");
  return reply;
}

async function serve(req: ConfigHttpRequest, params: ConfigParams, labels: { format: string; mode: ConsumerMode }): Promise<ConfigReply> {
  const access = await authorizeConfigRequest(req, params);
  const parsed = configQuerySchema.safeParse(Object.fromEntries(req.query));
  if (!parsed.success) throw validationFailed(fieldErrorsFromZod(parsed.error, "query"));
  const query = parsed.data;
  labels.format = query.format;
  const { runtime } = access;
  if (runtime.connections.draining) throw shuttingDown();

  let latest = await runtime.policies.latest(access.environmentId);
  if (query.waitForChange === undefined) {
    if (!latest) throw nothingPublished(access);
    return answer(access, latest, query.format, "fetch", req, false);
  }
  labels.mode = "long-poll";
  const seconds = Math.min(query.timeout ?? DEFAULT_WAIT_SECONDS, MAX_WAIT_SECONDS);
  const known = query.waitForChange;
  const alreadyDifferent = latest ? latest.version.version !== known : known !== 0;
  let closeAfter = false;
  if (!alreadyDifferent) {
    // Ended early by the client going away, or by this process shutting down:
    // then it answers as at the timeout, and closes the connection so the
    // client's next long-poll goes to another instance.
    const stop = new AbortController();
    const onClientGone = () => stop.abort();
    req.signal.addEventListener("abort", onClientGone);
    if (req.signal.aborted) stop.abort();
    const untrack = runtime.connections.track("long-poll", () => {
      closeAfter = true;
      stop.abort();
    });
    const gauge = metrics().openLongPolls;
    gauge.inc();
    try {
      const result = await waitForVersion(runtime, access.environmentId, known, seconds * 1000, stop.signal);
      if (result.kind === "changed") {
        latest = result.latest;
        if (result.publishedAt) metrics().publishToNotify.observe(Math.max(0, Date.now() - result.publishedAt) / 1000);
      } else if (latest) {
        // Nothing new: the caller already has the latest version.
        return withClose(await answer(access, latest, query.format, "long-poll", req, true), closeAfter);
      } else if (closeAfter) {
        throw shuttingDown();
      }
    } finally {
      gauge.dec();
      untrack();
      req.signal.removeEventListener("abort", onClientGone);
    }
  }
  if (!latest) throw nothingPublished(access);
  return withClose(await answer(access, latest, query.format, "long-poll", req, false), closeAfter);
}

export function nothingPublished(access: Pick<ConfigAccess, "names">): AppError {
  return new AppError(
    404,
    "nothing_published",
    `Nothing published yet for ${access.names.project}/${access.names.environment}: publish a version in the dashboard first.`,
  );
}

function withClose(reply: ConfigReply, close: boolean): ConfigReply {
  if (close) reply.headers.connection = "close";
  return reply;
}

async function answer(access: ConfigAccess, latest: LatestPolicy, format: ConfigFormat, mode: ConsumerMode, req: ConfigHttpRequest, notModified: boolean): Promise<ConfigReply> {
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
  const encodedOrPending = encodedBody(rendered, chooseCoding(req.headers.get("accept-encoding")));
  const encoded: Encoded = encodedOrPending instanceof Promise ? await encodedOrPending : encodedOrPending;
  const headers: Record<string, string> = {
    etag: encoded.etag,
    "cache-control": "no-cache",
    vary: "Accept-Encoding",
    "x-corsboard-version": String(version),
  };
  if (rendered.nextExpiry) headers["x-corsboard-next-expiry"] = rendered.nextExpiry;
  if (notModified || etagMatches(req.headers.get("if-none-match"), rendered.etag)) {
    return { status: 304, headers, body: null };
  }
  headers["content-type"] = rendered.contentType;
  if (encoded.coding !== "identity") headers["content-encoding"] = encoded.coding;
  headers["content-length"] = String(encoded.body.length);
  return { status: 200, headers, body: encoded.body };
}
