import type { IncomingMessage, ServerResponse } from "node:http";
import { configRuntimeIfStarted, stopConfigRuntime } from "@/lib/server/config/config-runtime";
import { serveConfig } from "@/lib/server/config/serve-config";
import { isConfigStream, streamConfig } from "@/lib/server/config/stream-config";
import { boundedMemo } from "@/lib/server/config/bounded-memo";
import { closeDatabase } from "@/lib/server/db/client";
import { env } from "@/lib/server/env";
import { logger } from "@/lib/server/logger";
import { fromNodeRequest, sendReply, sendStream } from "@/lib/server/fast-path/node-transport";
import { serveMetrics } from "@/lib/server/fast-path/metrics-endpoint";
import { stampClientAddress } from "@/lib/server/http/client-address-edge";

/**
 * What the production custom server (scripts/server.mjs) runs ahead of
 * Next's router: the config API's GET and SSE stream on node's req/res, and
 * /metrics. Built inside Next's bundle (instrumentation.ts publishes it on
 * globalThis), so there is ONE copy of the runtime, Prisma client and
 * embedded database in the process, shared with the route handlers.
 * Everything it does not answer (handle → false) goes to Next unchanged.
 */
export interface FastPath {
  /** Answers the request and returns true, or returns false (not ours: hand it to Next). */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /**
   * Before handing a request to Next: replace any client-sent copy of the
   * private client-address headers with the socket's address (Next gives
   * route handlers none; see lib/server/http/client-address.ts).
   */
  stampClientAddress(req: IncomingMessage): void;
  /** /metrics without a token, for the dedicated CORSBOARD_METRICS_PORT listener. */
  handleMetrics(req: IncomingMessage, res: ServerResponse): void;
  metricsPort: number | null;
  shutdownTimeoutMs: number;
  /** Refuses new config requests (503) and ends every SSE stream and long-poll now. */
  drain(): void;
  /** Writes pending usage, stops the change listener, closes the database (releases the data-directory lock). */
  shutdown(): Promise<void>;
}

export const FAST_PATH_KEY = Symbol.for("corsboard.fastPath");
const CONFIG_PREFIX = "/api/v1/config/";

export interface FastPathSettings {
  /** Bearer token of GET /metrics on the main port; null → /metrics is left to Next (404). */
  metricsToken: string | null;
  metricsPort: number | null;
  shutdownTimeoutMs: number;
}

export function fastPathSettingsFromEnv(): FastPathSettings {
  const e = env();
  return { metricsToken: e.CORSBOARD_METRICS_TOKEN ?? null, metricsPort: e.CORSBOARD_METRICS_PORT ?? null, shutdownTimeoutMs: e.CORSBOARD_SHUTDOWN_TIMEOUT_MS };
}

export function createFastPath(settings: FastPathSettings = fastPathSettingsFromEnv()): FastPath {
  const { metricsToken } = settings;
  const fail = (res: ServerResponse, error: unknown) => {
    logger().error({ err: error }, "fast path failed");
    if (!res.headersSent) res.writeHead(500);
    res.end();
  };
  return {
    metricsPort: settings.metricsPort,
    shutdownTimeoutMs: settings.shutdownTimeoutMs,
    handle(req, res) {
      const url = req.url ?? "/";
      if (req.method !== "GET") return false;
      const q = url.indexOf("?");
      const path = q < 0 ? url : url.slice(0, q);
      if (path === "/metrics") {
        // Off (404 from Next) unless a token is set: then only with it.
        if (metricsToken === null) return false;
        serveMetrics(req, res, metricsToken).catch((error: unknown) => fail(res, error));
        return true;
      }
      if (!path.startsWith(CONFIG_PREFIX)) return false;
      const route = configRoute(path.slice(CONFIG_PREFIX.length));
      if (!route) return false;
      const request = fromNodeRequest(req, res, q < 0 ? "" : url.slice(q + 1));
      if (route.stream) {
        streamConfig(request, route.params).then(
          (answer) => (isConfigStream(answer) ? sendStream(res, answer) : sendReply(res, answer)),
          (error: unknown) => fail(res, error),
        );
      } else {
        const reply = serveConfig(request, route.params);
        if (reply instanceof Promise) {
          reply.then(
            (r) => sendReply(res, r),
            (error: unknown) => fail(res, error),
          );
        } else {
          sendReply(res, reply);
        }
      }
      return true;
    },
    stampClientAddress,
    handleMetrics(req, res) {
      const path = (req.url ?? "/").split("?")[0];
      if (req.method !== "GET" || path !== "/metrics") {
        res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Only GET /metrics here.\n");
        return;
      }
      serveMetrics(req, res, null).catch((error: unknown) => fail(res, error));
    },
    drain() {
      configRuntimeIfStarted()?.connections.endAll();
    },
    async shutdown() {
      this.drain();
      await stopConfigRuntime();
      await closeDatabase();
    },
  };
}

/**
 * `{project}/{environment}` or `{project}/{environment}/stream`, decoded as
 * Next decodes dynamic segments; anything else (a trailing slash, a broken
 * %-escape, /observed) is left to Next, which answers it as it always has.
 */
interface ConfigRoute {
  readonly params: { readonly project: string; readonly environment: string };
  readonly stream: boolean;
}

/** Paths seen → their route (services ask for the same few): no split or decoding per request. Shared, never changed. */
const configRoute = boundedMemo(10_000, parseConfigRoute);

function parseConfigRoute(rest: string): ConfigRoute | null {
  const parts = rest.split("/");
  if (parts.length < 2 || parts.length > 3 || !parts[0] || !parts[1]) return null;
  if (parts.length === 3 && parts[2] !== "stream") return null;
  try {
    return Object.freeze({ params: Object.freeze({ project: decodeURIComponent(parts[0]), environment: decodeURIComponent(parts[1]) }), stream: parts.length === 3 });
  } catch {
    return null;
  }
}

/** Called once the server is ready (instrumentation.ts): the custom server picks it up. */
export function publishFastPath(): FastPath {
  const g = globalThis as Record<symbol, unknown>;
  const fastPath = createFastPath();
  g[FAST_PATH_KEY] = fastPath;
  // The custom server may already be waiting for it.
  const waiter = g[Symbol.for("corsboard.fastPath.waiter")];
  if (typeof waiter === "function") waiter(fastPath);
  return fastPath;
}
