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
  /**
   * Counts one config request into configRequests. On the config API's hot
   * path: counted in a plain number per label set and added to the counter
   * when it is collected (prom-client's own inc() builds a label hash and
   * validates the labels on every call, even on a bound child).
   */
  countConfigRequest(status: number, format: string, mode: string): void;
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
  /** format → mode → status → requests not yet added to the counter. */
  type Cell = { status: number; labels: Record<"status" | "format" | "mode", string>; count: number };
  const pending = new Map<string, Map<string, Map<number, Cell>>>();
  let last: Cell | null = null;
  const configRequests = new Counter({
    name: "corsboard_config_requests_total",
    help: "Config API GET requests answered, by status, format and mode (fetch, long-poll, sse). 304 share = status=304 / all.",
    labelNames: ["status", "format", "mode"] as const,
    registers: [registry],
    collect() {
      for (const byMode of pending.values()) {
        for (const byStatus of byMode.values()) {
          for (const cell of byStatus.values()) {
            if (cell.count === 0) continue;
            this.inc(cell.labels, cell.count);
            cell.count = 0;
          }
        }
      }
    },
  });
  const created: Metrics = {
    registry,
    configRequests,
    countConfigRequest(status, format, mode) {
      // The same label set as the last request's, usually: no lookup.
      const recent = last;
      if (recent !== null && recent.status === status && recent.labels.format === format && recent.labels.mode === mode) {
        recent.count++;
        return;
      }
      let byMode = pending.get(format);
      if (!byMode) pending.set(format, (byMode = new Map()));
      let byStatus = byMode.get(mode);
      if (!byStatus) byMode.set(mode, (byStatus = new Map()));
      let cell = byStatus.get(status);
      if (!cell) byStatus.set(status, (cell = { status, labels: { status: String(status), format, mode }, count: 0 }));
      cell.count++;
      last = cell;
    },
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
