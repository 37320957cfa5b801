/**
 * The config API's long-lived requests (SSE streams and long-polls) of this
 * process, so a shutdown can end them all at once: clients then reconnect to
 * another instance instead of holding this one open until they time out.
 * Counts feed the metrics gauges.
 */
export type LongLivedKind = "sse" | "long-poll";

export interface OpenConnections {
  /** Registers one; `end` is called at shutdown. Returns the function that unregisters it. */
  track(kind: LongLivedKind, end: () => void): () => void;
  count(kind: LongLivedKind): number;
  /** True once the process is shutting down: new config requests are refused (503). */
  readonly draining: boolean;
  /** Refuses new ones and ends every open one now. */
  endAll(): void;
}

export function createOpenConnections(): OpenConnections {
  const open = { sse: new Set<() => void>(), "long-poll": new Set<() => void>() };
  let draining = false;
  return {
    track(kind, end) {
      const set = open[kind];
      set.add(end);
      return () => void set.delete(end);
    },
    count: (kind) => open[kind].size,
    get draining() {
      return draining;
    },
    endAll() {
      draining = true;
      for (const set of Object.values(open)) {
        const ends = [...set];
        set.clear();
        for (const end of ends) {
          try {
            end();
          } catch {
            // one broken connection must not keep the others open
          }
        }
      }
    },
  };
}
