import os from "node:os";
import { evaluateRequest, type CompiledPolicy } from "../cors";
import { backoffDelay, sleep } from "./backoff";
import { DEFAULT_MAX_CONFIG_BYTES, readBoundedText } from "./bounded-read";
import { checkDocument, denyAllPolicy, type ConfigDocument } from "./document";
import { readFallbackFile, writeFallbackFile } from "./fallback-file";
import { consoleLogger, filterLogger, logsAt, resolveLogLevel } from "./logger";
import { createRefusalLimiter, describeRefusal, logRefusal } from "./refusal";
import { createObservedReporter, type ObservedReporter } from "./observed";
import { SseParser } from "./sse-parser";
import type { ClientStatus, CorsboardClient, CorsboardClientOptions, CorsboardLogger, PolicySource, RefreshMode } from "./types";

const SDK_USER_AGENT = "corsboard-sdk/0.1";
const LONG_POLL_SECONDS = 50;
/** No byte (event or heartbeat) for this long: the stream is considered dead and reopened. */
const STREAM_STALL_MS = 45_000;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface State {
  compiled: CompiledPolicy;
  document: ConfigDocument | null;
  etag: string | null;
  source: PolicySource;
}

/**
 * A service's view of its CORS policy in Corsboard. Fetches it at startup
 * (timeout, retries with exponential backoff and jitter), then follows
 * changes over SSE or long-poll (falling back to ETag polling while those
 * are down). Every new policy is validated and compiled by the core and
 * swapped in atomically; an invalid one is refused and the previous kept.
 * Never fails open: when Corsboard can't be reached at startup the
 * last-known-good file is used, and with neither every cross-origin request
 * is denied (and the logs say so) — never `*`.
 */
export function createCorsboardClient(options: CorsboardClientOptions): CorsboardClient {
  const logLevel = resolveLogLevel(options.logLevel);
  const log: CorsboardLogger = filterLogger(options.logger ?? consoleLogger(), logLevel.level);
  if (logLevel.problem) log.warn(logLevel.problem);
  const logs = (level: Parameters<CorsboardClient["logs"]>[0]) => logsAt(logLevel.level, level);
  const refusalLimiter = createRefusalLimiter();
  const where = `${options.project}/${options.environment}`;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = options.url.replace(/\/+$/, "");
  const configUrl = `${base}/api/v1/config/${encodeURIComponent(options.project)}/${encodeURIComponent(options.environment)}`;
  const expected = { project: options.project, environment: options.environment };
  const pollIntervalMs = options.pollIntervalMs ?? 30_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const maxConfigBytes = options.maxConfigBytes ?? DEFAULT_MAX_CONFIG_BYTES;
  const instance = options.instance ?? `${os.hostname()}:${process.pid}`;
  let refresh: RefreshMode = options.refresh ?? "sse";
  const closing = new AbortController();
  const denyAll = denyAllPolicy();

  let state: State = { compiled: denyAll, document: null, etag: null, source: "none" };
  let lastSuccessfulFetchAt: Date | null = null;
  let lastUpdateAt: Date | null = null;
  let lastError: { message: string; at: Date } | null = null;
  // A refused policy stays the last error until a good one is in force; trouble
  // reaching Corsboard is cleared by the next answer.
  let lastErrorIsPolicy = false;
  let live = false;
  let writing: Promise<void> = Promise.resolve();
  const listeners = new Set<(s: ClientStatus) => void>();

  const headers = (extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${options.token}`,
    "x-corsboard-instance": instance,
    "user-agent": SDK_USER_AGENT,
    ...extra,
  });

  const status = (): ClientStatus => ({
    version: state.document?.version ?? null,
    publishedAt: state.document?.publishedAt ?? null,
    contentHash: state.document?.contentHash ?? null,
    source: state.source,
    lastSuccessfulFetchAt,
    lastUpdateAt,
    lastError,
    refresh,
    live,
  });

  const fail = (message: string, level: "warn" | "error" = "warn", policy = false) => {
    lastError = { message, at: new Date() };
    lastErrorIsPolicy = policy;
    log[level](message, { project: options.project, environment: options.environment });
  };

  /** Validates, compiles and swaps in a document; false (previous kept) when refused or stale. */
  const apply = (value: unknown, source: Exclude<PolicySource, "none">, etag: string | null): boolean => {
    const check = checkDocument(value, expected);
    if (!check.ok) {
      const version = (value as { version?: unknown } | null)?.version;
      fail(
        `Corsboard: refused policy${typeof version === "number" ? ` version ${version}` : ""} from ${source === "server" ? "the server" : "the last-known-good file"}: ${check.reason.replace(/\.$/, "")}. Keeping ${state.document ? `version ${state.document.version}` : "the deny-all policy"}.`,
        "error",
        true,
      );
      return false;
    }
    if (lastErrorIsPolicy) lastError = null;
    lastErrorIsPolicy = false;
    const current = state.document;
    const next = check.document;
    if (current && source === "server" && state.source === "server" && next.version < current.version && next.publishedAt <= current.publishedAt) {
      log.debug(`Corsboard: ignored version ${next.version}, older than version ${current.version} in force`);
      return false;
    }
    const changed = !current || current.version !== next.version || current.contentHash !== next.contentHash || state.source !== source;
    state = { compiled: check.compiled, document: next, etag: source === "server" ? etag : null, source };
    if (!changed) return true;
    lastUpdateAt = new Date();
    log.info(`Corsboard: policy version ${next.version} of ${next.project}/${next.environment} in force (${next.policy.origins.length} origin rules, from ${source === "server" ? "the server" : "the last-known-good file"})`);
    if (source === "server" && options.fallbackFile) {
      const file = options.fallbackFile;
      // One write at a time, in order: a slow earlier write must not replace a newer file.
      writing = writing.then(() =>
        writeFallbackFile(file, next).catch((error: unknown) =>
          log.warn(`Corsboard: could not write the last-known-good file ${file}: ${error instanceof Error ? error.message : String(error)}`),
        ),
      );
    }
    for (const l of listeners) {
      try {
        l(status());
      } catch (error) {
        log.error(`Corsboard: onChange listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return true;
  };

  const succeeded = () => {
    lastSuccessfulFetchAt = new Date();
    if (!lastErrorIsPolicy) lastError = null;
  };

  /** One GET of the config (conditional when we have an ETag). */
  const fetchOnce = async (timeoutMs: number, query = "", extraTimeoutMs = 0): Promise<"updated" | "not-modified" | "refused"> => {
    const signal = AbortSignal.any([closing.signal, AbortSignal.timeout(timeoutMs + extraTimeoutMs)]);
    const res = await doFetch(`${configUrl}${query}`, {
      headers: headers({ accept: "application/json", ...(state.etag ? { "if-none-match": state.etag } : {}) }),
      signal,
    });
    if (res.status === 304) {
      await res.body?.cancel().catch(() => {});
      succeeded();
      return "not-modified";
    }
    if (res.status !== 200) throw new HttpError(res.status, await describeFailure(res));
    // Bounded: an answer over maxConfigBytes is cut off (the request aborted) and the policy in force kept.
    const text = await readBoundedText(res, maxConfigBytes);
    succeeded();
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      fail(`Corsboard: the server answered a body that is not JSON; keeping ${state.document ? `version ${state.document.version}` : "the deny-all policy"}.`, "error", true);
      return "refused";
    }
    return apply(value, "server", res.headers.get("etag")) ? "updated" : "refused";
  };

  // -------------------------------------------------------------------------
  // Startup
  // -------------------------------------------------------------------------
  const start = async (): Promise<ClientStatus> => {
    const attempts = Math.max(1, options.startup?.attempts ?? 4);
    const timeoutMs = options.startup?.timeoutMs ?? 3_000;
    const backoffMs = options.startup?.backoffMs ?? 250;
    let reason = "";
    let nothingPublished = false;
    for (let attempt = 1; attempt <= attempts && !closing.signal.aborted; attempt++) {
      try {
        await fetchOnce(timeoutMs);
        if (state.source === "server") return status();
        reason = "the server's policy was refused";
        break;
      } catch (error) {
        reason = describeError(error);
        if (error instanceof HttpError && error.status === 404 && /nothing_published/.test(error.message)) {
          nothingPublished = true;
          break;
        }
        // Wrong token, forbidden, unknown environment: retrying won't help.
        if (error instanceof HttpError && error.status < 500 && error.status !== 408 && error.status !== 429) break;
        lastError = { message: `Corsboard: startup fetch ${attempt}/${attempts} failed: ${reason}`, at: new Date() };
        log.warn(lastError.message);
        if (attempt < attempts) await sleep(backoffDelay(attempt, backoffMs, 5_000), closing.signal);
      }
    }
    if (nothingPublished) {
      fail(`Corsboard: nothing is published yet for ${options.project}/${options.environment}: DENYING every cross-origin request until a version is published.`, "warn");
      return status();
    }
    if (options.fallbackFile) {
      const file = await readFallbackFile(options.fallbackFile, expected);
      if (file.kind === "ok") {
        apply(file.document, "fallback-file", null);
        fail(
          `Corsboard unreachable at startup (${reason}): running on the last-known-good file ${options.fallbackFile} (version ${file.document.version}, saved ${file.savedAt ?? "at an unknown time"}) until it answers.`,
          "error",
        );
        return status();
      }
      if (file.kind === "invalid") log.warn(`Corsboard: ignoring the last-known-good file ${options.fallbackFile}: ${file.reason}`);
    }
    fail(
      `Corsboard unreachable at startup (${reason}) and no usable last-known-good file${options.fallbackFile ? ` at ${options.fallbackFile}` : " (no fallbackFile configured)"}: DENYING every cross-origin request until it answers. Same-origin requests and requests without Origin still work.`,
      "error",
    );
    return status();
  };

  // -------------------------------------------------------------------------
  // Following changes
  // -------------------------------------------------------------------------
  const runSse = async () => {
    const connection = new AbortController();
    const signal = AbortSignal.any([closing.signal, connection.signal]);
    let stallTimer: NodeJS.Timeout | undefined;
    const armStall = () => {
      clearTimeout(stallTimer);
      stallTimer = setTimeout(() => connection.abort(new Error("no event or heartbeat for 45 s")), STREAM_STALL_MS);
      stallTimer.unref?.();
    };
    armStall();
    try {
      const version = state.source === "server" && state.document ? String(state.document.version) : null;
      const res = await doFetch(`${configUrl}/stream`, {
        headers: headers({ accept: "text/event-stream", ...(version ? { "last-event-id": version } : {}) }),
        signal,
      });
      if (res.status !== 200 || !res.body) throw new HttpError(res.status, await describeFailure(res));
      live = true;
      succeeded();
      // One event may not grow past maxConfigBytes (counted in characters, never more than its bytes).
      const parser = new SseParser(maxConfigBytes);
      const decoder = new TextDecoder();
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        armStall();
        succeeded();
        for (const event of parser.feed(decoder.decode(value, { stream: true }))) {
          if (event.event !== "policy") continue;
          let parsed: unknown;
          try {
            parsed = JSON.parse(event.data);
          } catch {
            fail("Corsboard: an SSE event's data is not JSON; ignored.", "error", true);
            continue;
          }
          apply(parsed, "server", null);
        }
      }
    } catch (error) {
      if (connection.signal.aborted && connection.signal.reason instanceof Error) throw connection.signal.reason;
      throw error;
    } finally {
      clearTimeout(stallTimer);
      // Whatever ended the stream (an event over maxConfigBytes, a bad event, a stall): close the connection.
      connection.abort();
      live = false;
    }
  };

  const runLongPoll = async () => {
    for (;;) {
      if (closing.signal.aborted) return;
      const known = state.source === "server" && state.document ? state.document.version : 0;
      live = true;
      try {
        await fetchOnce(requestTimeoutMs, `?waitForChange=${known}&timeout=${LONG_POLL_SECONDS}`, LONG_POLL_SECONDS * 1000);
      } catch (error) {
        // Nothing published yet: the server waited the whole timeout for a first version.
        if (error instanceof HttpError && error.status === 404 && /nothing_published/.test(error.message)) continue;
        throw error;
      } finally {
        live = false;
      }
    }
  };

  const pollOnce = async () => {
    try {
      await fetchOnce(requestTimeoutMs);
    } catch (error) {
      if (!closing.signal.aborted) fail(`Corsboard: polling failed: ${describeError(error)}`);
    }
  };

  const follow = async () => {
    let failures = 0;
    while (!closing.signal.aborted) {
      if (refresh === "poll") {
        await sleep(pollIntervalMs, closing.signal);
        if (!closing.signal.aborted) await pollOnce();
        continue;
      }
      const connectedAt = Date.now();
      try {
        if (refresh === "sse") await runSse();
        else await runLongPoll();
        // The server closed a healthy stream (restart, deploy): reconnect at once — unless it
        // keeps closing it right away (a proxy?), which then backs off like a failure.
        failures = Date.now() - connectedAt < 5_000 ? failures + 1 : 0;
      } catch (error) {
        if (closing.signal.aborted) break;
        failures++;
        if (error instanceof HttpError && [404, 405, 501].includes(error.status) && !/nothing_published/.test(error.message)) {
          const next: RefreshMode = refresh === "sse" ? "long-poll" : "poll";
          log.warn(`Corsboard: ${refresh} is not available (${describeError(error)}); switching to ${next}.`);
          refresh = next;
          continue;
        }
        fail(`Corsboard: ${refresh} connection failed (${describeError(error)}); polling with ETag until it is back.`);
      }
      if (closing.signal.aborted) break;
      if (failures > 0) {
        // Live channel down: catch up by ETag polling, then retry it with backoff (capped at the poll interval).
        await pollOnce();
        await sleep(backoffDelay(failures, 500, pollIntervalMs), closing.signal);
      }
    }
  };

  const observed: ObservedReporter | null = options.reportObservedOrigins
    ? createObservedReporter({
        url: `${configUrl}/observed`,
        headers: () => headers({ "content-type": "application/json" }),
        fetch: doFetch,
        logger: log,
        version: () => state.document?.version ?? null,
        intervalMs: typeof options.reportObservedOrigins === "object" ? options.reportObservedOrigins.intervalMs : undefined,
      })
    : null;

  const ready = start().then(
    (s) => s,
    (error: unknown) => {
      fail(`Corsboard: startup failed unexpectedly (${describeError(error)}); DENYING every cross-origin request.`, "error");
      return status();
    },
  );
  const following = ready.then(() => follow()).catch((error: unknown) => log.error(`Corsboard: stopped following changes: ${describeError(error)}`));

  return {
    ready,
    status,
    policy: () => state.compiled,
    evaluate: (request) => evaluateRequest(state.compiled, request),
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    recordObserved(origin, allowed, refusal) {
      observed?.record(origin, allowed, refusal ?? null);
    },
    reportRefusal(refused) {
      // No string is built when the level is above warn.
      if (!logs("warn")) return;
      const line = describeRefusal({ ...refused, where });
      logRefusal(log, refusalLimiter, line, { origin: refused.origin, kind: refused.refusal.kind, method: refused.method, version: state.document?.version ?? null }, logs("debug"));
    },
    logger: log,
    logs,
    async close() {
      closing.abort();
      await following;
      await observed?.close();
      await writing;
    },
  };
}

async function describeFailure(res: Response): Promise<string> {
  let detail = "";
  try {
    const text = await readBoundedText(res, 64 * 1024, "an error answer");
    const body = JSON.parse(text) as { code?: string; detail?: string };
    detail = [body.code, body.detail].filter(Boolean).join(": ");
  } catch {
    // not a problem document
  }
  return `HTTP ${res.status}${detail ? ` (${detail})` : ""}`;
}

function describeError(error: unknown): string {
  if (error instanceof HttpError) return error.message;
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (error.name === "TimeoutError") return "timed out";
    return cause?.code ? `${error.message} (${cause.code})` : error.message;
  }
  return String(error);
}
