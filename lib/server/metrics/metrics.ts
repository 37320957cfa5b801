import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * The process's Prometheus metrics (served at /metrics by the custom server,
 * see lib/server/fast-path). One registry per process on globalThis: Next
 * may evaluate this module once per bundle, and every copy must count into
 * the same series. Labels carry bounded values only (status,
 * format, mode, kind): never a token, secret, origin or URL.
 */
export interface Metrics {
  registry: Registry;
  configRequests: Counter<"status" | "format" | "mode">;
  openStreams: Gauge;
  openLongPolls: Gauge;
  publishToNotify: Histogram;
  listenReconnects: Counter;
  probeRuns: Counter;
  checkRuns: Counter<"kind">;
}

const key = Symbol.for("corsboard.metrics");

export function metrics(): Metrics {
  const g = globalThis as Record<symbol, unknown>;
  const existing = g[key] as Metrics | undefined;
  if (existing) return existing;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const created: Metrics = {
    registry,
    configRequests: new Counter({
      name: "corsboard_config_requests_total",
      help: "Config API GET requests answered, by status, format and mode (fetch, long-poll, sse). 304 share = status=304 / all.",
      labelNames: ["status", "format", "mode"] as const,
      registers: [registry],
    }),
    openStreams: new Gauge({ name: "corsboard_config_open_streams", help: "Open config SSE streams.", registers: [registry] }),
    openLongPolls: new Gauge({ name: "corsboard_config_open_long_polls", help: "Config long-polls waiting.", registers: [registry] }),
    publishToNotify: new Histogram({
      name: "corsboard_config_publish_notify_seconds",
      help: "From a publish's commit (time carried in the notification) to this process delivering the version to a stream or long-poll.",
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    listenReconnects: new Counter({ name: "corsboard_config_listen_reconnects_total", help: "Times the PostgreSQL LISTEN connection was re-established.", registers: [registry] }),
    probeRuns: new Counter({ name: "corsboard_probe_runs_total", help: "CORS probes run (single probes, migration checks and saved checks alike).", registers: [registry] }),
    checkRuns: new Counter({
      name: "corsboard_check_runs_total",
      help: "Check runs: migration checks and saved-check runs.",
      labelNames: ["kind"] as const,
      registers: [registry],
    }),
  };
  g[key] = created;
  return created;
}
