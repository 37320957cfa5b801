import type { z } from "zod";
import { MAX_WAIT_SECONDS, type ConfigFormat } from "@/lib/api/schemas/config";
import { api } from "@/lib/api/routes";
import { authorizeConfigRequest, type ConfigAccess } from "@/lib/server/config/config-access";
import { problemConfigReply, type ConfigHttpRequest, type ConfigParams, type ConfigReply, type MaybePromise } from "@/lib/server/config/config-http";
import { chooseCoding, encodedBody, type Encoded } from "@/lib/server/config/encoded-body";
import type { LatestPolicy } from "@/lib/server/config/policy-cache";
import { etagMatches, type Rendered } from "@/lib/server/config/render-config";
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
  // No closure, promise or label object per request on the in-memory path: the
  // request's outcome is one small object whose methods finish it.
  const outcome = new Outcome(params);
  try {
    const access = authorizeConfigRequest(req, params);
    const reply = access instanceof Promise ? access.then((a) => serve(a, req, outcome)) : serve(access, req, outcome);
    return reply instanceof Promise ? reply.then((r) => outcome.done(r), (error: unknown) => outcome.failed(error)) : outcome.done(reply);
  } catch (error) {
    return outcome.failed(error);
  }
}

/** A request's labels (filled in as it is understood) and its end: counted, logged at debug. */
class Outcome {
  format = "json";
  mode: ConsumerMode = "fetch";
  readonly started: number;
  constructor(readonly params: ConfigParams) {
    this.started = logger().isLevelEnabled("debug") ? Date.now() : 0;
  }
  done(reply: ConfigReply): ConfigReply {
    countRequest(reply.status, this.format, this.mode);
    if (this.started !== 0) {
      logger().debug({ project: this.params.project, environment: this.params.environment, status: reply.status, ms: Date.now() - this.started }, "config request");
    }
    return reply;
  }
  failed(error: unknown): ConfigReply {
    const reply = problemConfigReply(error);
    if (reply.status === 503) reply.headers.connection = "close";
    return this.done(reply);
  }
}

/** This route's declaration: its query schema is the one parsed here, on both transports. */
const ROUTE = api["GET /api/v1/config/{project}/{environment}"];
type ConfigQuery = z.output<typeof ROUTE.query>;

function countRequest(status: number, format: string, mode: ConsumerMode): void {
  metrics().countConfigRequest(status, format, mode);
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

function serve(access: ConfigAccess, req: ConfigHttpRequest, outcome: Outcome): MaybePromise<ConfigReply> {
  const query = parseQuery(req.queryString);
  outcome.format = query.format;
  const { runtime } = access;
  if (runtime.connections.draining) throw shuttingDown();
  if (query.waitForChange !== undefined) {
    outcome.mode = "long-poll";
    return longPoll(access, req, query, query.waitForChange);
  }
  const now = runtime.policies.latestNow(access.environmentId);
  return now === undefined ? runtime.policies.latest(access.environmentId).then((latest) => fetched(access, latest, query.format, req)) : fetched(access, now, query.format, req);
}

function fetched(access: ConfigAccess, latest: LatestPolicy | null, format: ConfigFormat, req: ConfigHttpRequest): MaybePromise<ConfigReply> {
  if (!latest) throw nothingPublished(access);
  return answer(access, latest, format, "fetch", req, false);
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
  // Answers are shared (see replies below): never changed in place.
  return close ? { ...reply, headers: { ...reply.headers, connection: "close" } } : reply;
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
  const encoded = encodedBody(rendered, chooseCoding(req.headers.get("accept-encoding")));
  return encoded instanceof Promise
    ? encoded.then((e) => replyOf(rendered, e, version, req, notModified))
    : replyOf(rendered, encoded, version, req, notModified);
}

/**
 * The two answers of one representation (a version's rendered bytes in one
 * encoding): made once and shared by every request for it, headers included,
 * so a 200 or 304 from memory allocates nothing. Nobody changes them in place
 * (withClose copies).
 */
interface Replies {
  version: number;
  ok: ConfigReply;
  notModified: ConfigReply;
}
const replies = new WeakMap<Encoded, Replies>();

function replyOf(rendered: Rendered, encoded: Encoded, version: number, req: ConfigHttpRequest, notModified: boolean): ConfigReply {
  let r = replies.get(encoded);
  if (!r || r.version !== version) replies.set(encoded, (r = makeReplies(rendered, encoded, version)));
  if (notModified) return r.notModified;
  const ifNoneMatch = req.headers.get("if-none-match");
  // The usual case first: the ETag this client was given, sent back unchanged.
  if (ifNoneMatch !== null && (ifNoneMatch === encoded.etag || ifNoneMatch === rendered.etag || etagMatches(ifNoneMatch, rendered.etag))) return r.notModified;
  return r.ok;
}

function makeReplies(rendered: Rendered, encoded: Encoded, version: number): Replies {
  const headers: Record<string, string> = {
    etag: encoded.etag,
    "cache-control": "no-cache",
    vary: "Accept-Encoding",
    "x-corsboard-version": String(version),
  };
  if (rendered.nextExpiry) headers["x-corsboard-next-expiry"] = rendered.nextExpiry;
  const okHeaders: Record<string, string> = { ...headers, "content-type": rendered.contentType };
  if (encoded.coding !== "identity") okHeaders["content-encoding"] = encoded.coding;
  okHeaders["content-length"] = String(encoded.body.length);
  return {
    version,
    notModified: Object.freeze({ status: 304, headers: Object.freeze(headers), body: null }),
    ok: Object.freeze({ status: 200, headers: Object.freeze(okHeaders), body: encoded.body }),
  };
}
