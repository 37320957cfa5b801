import type { z } from "zod";
import { MAX_WAIT_SECONDS, type ConfigFormat } from "@/lib/api/schemas/config";
import { api } from "@/lib/api/routes";
import { authorizeConfigRequest, type ConfigAccess } from "@/lib/server/config/config-access";
import { problemConfigReply, andThen, type ConfigHttpRequest, type ConfigParams, type ConfigReply, type MaybePromise } from "@/lib/server/config/config-http";
import { chooseCoding, encodedBody } from "@/lib/server/config/encoded-body";
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
 *
 * Transport-independent (config-http.ts). When the token, environment,
 * version and encoding are all in memory the answer is returned
 * synchronously — no promise, no await: in a process that also runs Next
 * (async hooks on every promise) that is most of a 304's cost.
 */
export function serveConfig(req: ConfigHttpRequest, params: ConfigParams): MaybePromise<ConfigReply> {
  const started = Date.now();
  const labels: Labels = { format: "json", mode: "fetch" };
  const done = (reply: ConfigReply) => {
    countRequest(reply.status, labels);
    const log = logger();
    if (log.isLevelEnabled("debug")) log.debug({ project: params.project, environment: params.environment, status: reply.status, ms: Date.now() - started }, "config request");
    return reply;
  };
  const failed = (error: unknown) => {
    const reply = problemConfigReply(error);
    if (reply.status === 503) reply.headers.connection = "close";
    return done(reply);
  };
  try {
    const reply = andThen(authorizeConfigRequest(req, params), (access) => serve(access, req, labels));
    return reply instanceof Promise ? reply.then(done, failed) : done(reply);
  } catch (error) {
    return failed(error);
  }
}

/** This route's declaration: its query schema is the one parsed here, on both transports. */
const ROUTE = api["GET /api/v1/config/{project}/{environment}"];
type ConfigQuery = z.output<typeof ROUTE.query>;

interface Labels {
  format: string;
  mode: ConsumerMode;
}

/** prom-client hashes label objects on every inc(); the few combinations are bound once. */
const counters = new Map<string, { inc(): void }>();
function countRequest(status: number, labels: Labels): void {
  const key = `${status}|${labels.format}|${labels.mode}`;
  let child = counters.get(key);
  if (!child) counters.set(key, (child = metrics().configRequests.labels(String(status), labels.format, labels.mode)));
  child.inc();
}

/** Parsed query strings: services send the same few, so zod runs once per distinct one. */
const parsedQueries = new Map<string, ReturnType<typeof ROUTE.query.safeParse>>();
function parseQuery(queryString: string): ConfigQuery {
  let parsed = parsedQueries.get(queryString);
  if (!parsed) {
    parsed = ROUTE.query.safeParse(Object.fromEntries(new URLSearchParams(queryString)));
    if (parsedQueries.size >= 1_000) parsedQueries.clear();
    parsedQueries.set(queryString, parsed);
  }
  if (!parsed.success) throw validationFailed(fieldErrorsFromZod(parsed.error, "query"));
  return parsed.data;
}

function serve(access: ConfigAccess, req: ConfigHttpRequest, labels: Labels): MaybePromise<ConfigReply> {
  const query = parseQuery(req.queryString);
  labels.format = query.format;
  const { runtime } = access;
  if (runtime.connections.draining) throw shuttingDown();
  if (query.waitForChange !== undefined) {
    labels.mode = "long-poll";
    return longPoll(access, req, query, query.waitForChange);
  }
  const fetched = (latest: LatestPolicy | null) => {
    if (!latest) throw nothingPublished(access);
    return answer(access, latest, query.format, "fetch", req, false);
  };
  const now = runtime.policies.latestNow(access.environmentId);
  return now === undefined ? runtime.policies.latest(access.environmentId).then(fetched) : fetched(now);
}

async function longPoll(access: ConfigAccess, req: ConfigHttpRequest, query: ConfigQuery, known: number): Promise<ConfigReply> {
  const { runtime } = access;
  let latest = await runtime.policies.latest(access.environmentId);
  const seconds = Math.min(query.timeout ?? DEFAULT_WAIT_SECONDS, MAX_WAIT_SECONDS);
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

function answer(access: ConfigAccess, latest: LatestPolicy, format: ConfigFormat, mode: ConsumerMode, req: ConfigHttpRequest, notModified: boolean): MaybePromise<ConfigReply> {
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
  return andThen(encodedBody(rendered, chooseCoding(req.headers.get("accept-encoding"))), (encoded) => {
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
  });
}
