import type { CompiledPolicy, EvaluateRequest, EvaluateResult } from "../cors";
import type { Refusal } from "./refusal";

/** Where the policy in force came from. */
export type PolicySource = "server" | "fallback-file" | "none";

/** How the client follows changes after startup. */
export type RefreshMode = "sse" | "long-poll" | "poll";

/** How much the SDK logs: lines below this level are never built. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

/**
 * Log sink: `(message, fields)`. console works as is; for pino use
 * `{ debug: (m, f) => log.debug(f, m), … }`. Refused cross-origin requests
 * and problems reaching Corsboard are logged at warn, running without a
 * policy from the server at error, policy updates at info, every rejection
 * (not rate-limited) at debug. The client filters by `logLevel` before calling it.
 */
export interface CorsboardLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface CorsboardClientOptions {
  /** Base URL of Corsboard, e.g. `https://corsboard.internal`. */
  url: string;
  /** A config_read API token of this project and environment. */
  token: string;
  project: string;
  environment: string;
  /**
   * Last-known-good file: written (atomically) after every successful update,
   * read when Corsboard can't be reached at startup. Without it, an
   * unreachable Corsboard at startup means every cross-origin request is denied.
   */
  fallbackFile?: string;
  /** Default "sse". Whatever the mode, while the live channel is down the client polls with ETags. */
  refresh?: RefreshMode;
  /** ETag polling period ("poll" mode, and the fallback of the live modes). Default 30 s. */
  pollIntervalMs?: number;
  /** Startup: attempts (default 4) with exponential backoff and jitter, each bounded by `timeoutMs` (default 3 s). */
  startup?: { attempts?: number; timeoutMs?: number; backoffMs?: number };
  /** Timeout of one plain fetch after startup. Default 10 s. */
  requestTimeoutMs?: number;
  /** Sent as X-Corsboard-Instance, shown in the dashboard's consumer list. Default `<hostname>:<pid>`. */
  instance?: string;
  /** Report the origins seen (allowed and rejected, aggregated) to Corsboard in batches. Default off. */
  reportObservedOrigins?: boolean | { intervalMs?: number };
  /**
   * Largest config answer (plain fetch, long-poll) or SSE event accepted. Bigger ones are cut off
   * while reading (the request aborted) and refused; the policy in force stays. Default 8 MiB.
   */
  maxConfigBytes?: number;
  fetch?: typeof globalThis.fetch;
  logger?: CorsboardLogger;
  /** Default: `CORSBOARD_SDK_LOG_LEVEL`, else "warn" (`CORSBOARD_SDK_DEBUG=1`, the old switch, means "debug"). */
  logLevel?: LogLevel;
}

export interface ClientStatus {
  /** Version in force, or null (nothing yet: cross-origin requests are denied). */
  version: number | null;
  publishedAt: string | null;
  contentHash: string | null;
  source: PolicySource;
  /** Last time Corsboard answered (200, 304, an event or a heartbeat). */
  lastSuccessfulFetchAt: Date | null;
  /** Last time the policy in force changed. */
  lastUpdateAt: Date | null;
  lastError: { message: string; at: Date } | null;
  refresh: RefreshMode;
  /** True while the SSE stream or long-poll is connected. */
  live: boolean;
}

export interface CorsboardClient {
  /** Settles once startup is over (policy from the server, from the file, or none). Never rejects. */
  readonly ready: Promise<ClientStatus>;
  status(): ClientStatus;
  /** The compiled policy in force; an empty allowlist (deny every cross-origin request) when there is none. */
  policy(): CompiledPolicy;
  /** The core's evaluateRequest on the policy in force. */
  evaluate(request: EvaluateRequest): EvaluateResult;
  /** Called after each change of the policy in force. Returns the unsubscribe function. */
  onChange(listener: (status: ClientStatus) => void): () => void;
  /** Counts an Origin seen by a middleware, with why it was refused (no-op unless reportObservedOrigins). */
  recordObserved(origin: string, allowed: boolean, refusal?: Refusal | null): void;
  /** Logs a refused request at warn (at most once a minute per origin and kind) and at debug every time. */
  reportRefusal(refused: { origin: string | null; requestKind: EvaluateResult["kind"]; method: string; refusal: Refusal; reason: EvaluateResult["reason"] }): void;
  /** The sink, filtered by `logLevel`. */
  readonly logger: CorsboardLogger;
  /** True when lines of this level are logged: check it before building an expensive message. */
  logs(level: Exclude<LogLevel, "silent">): boolean;
  /** Stops following changes and sends the last observed-origin batch. */
  close(): Promise<void>;
}
