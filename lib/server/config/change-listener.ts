import pg from "pg";
import { openDatabase } from "@/lib/server/db/database";
import { openEmbedded } from "@/lib/server/db/embedded";
import { dataDir, env } from "@/lib/server/env";
import { logger } from "@/lib/server/logger";
import { metrics } from "@/lib/server/metrics/metrics";
import { CONFIG_CHANNEL, decodeChange, type ConfigChange } from "@/lib/server/config/config-channel";
import { backoffDelay } from "@/lib/cors/backoff";

/**
 * Change notifications of this process: ONE listener per process (not per
 * subscriber), fanned out in memory.
 *
 * - PostgreSQL: a dedicated `pg` connection that runs `LISTEN corsboard_config`.
 *   Every instance on the database gets every notification when the
 *   publishing transaction commits. If the connection drops, `isLive()` turns
 *   false (callers stop trusting their caches), it reconnects with jittered backoff (lib/cors/backoff.ts),
 *   and a `resync` change tells subscribers to re-read what they cached.
 *   A `SELECT 1` every 30 s on that connection detects a silently dead socket.
 * - Embedded (PGlite, one process by design): PGlite's own in-process
 *   LISTEN/NOTIFY on the same instance Prisma uses; a NOTIFY issued inside a
 *   transaction is delivered when it commits (never on rollback), exactly as
 *   on PostgreSQL.
 */
export interface ChangeListener {
  /** Starts listening if needed; resolves once notifications flow, or once the first attempt failed (then `isLive()` is false). Never rejects. */
  ensureListening(): Promise<void>;
  /** True while notifications are guaranteed to arrive: caches may be trusted. */
  isLive(): boolean;
  /** Every change (policy, token, resync). Returns the unsubscribe function. */
  subscribe(fn: (change: ConfigChange) => void): () => void;
  /** Policy changes of one environment, plus resyncs. */
  subscribeEnvironment(environmentId: string, fn: (change: ConfigChange) => void): () => void;
  /** How many per-environment subscribers are attached (tests, diagnostics). */
  subscriberCount(): number;
  stop(): Promise<void>;
}

const HEALTH_CHECK_MS = 30_000;
const HEALTH_CHECK_TIMEOUT_MS = 5_000;
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5_000;

export function createChangeListener(): ChangeListener {
  const all = new Set<(change: ConfigChange) => void>();
  const byEnvironment = new Map<string, Set<(change: ConfigChange) => void>>();
  let subscribers = 0;

  const dispatch = (change: ConfigChange) => {
    // Never run subscribers inside the driver's message handling.
    queueMicrotask(() => {
      const targets = [...all];
      if (change.kind === "policy") targets.push(...(byEnvironment.get(change.environmentId) ?? []));
      if (change.kind === "resync") for (const set of byEnvironment.values()) targets.push(...set);
      for (const fn of targets) {
        try {
          fn(change);
        } catch (error) {
          logger().error({ err: error }, "config change subscriber failed");
        }
      }
    });
  };
  const onPayload = (payload: string | undefined) => {
    const change = payload ? decodeChange(payload) : null;
    if (change) dispatch(change);
  };

  const transport = env().DATABASE_URL ? postgresTransport(env().DATABASE_URL as string, onPayload, dispatch) : embeddedTransport(onPayload);

  return {
    ensureListening: () => transport.ensure(),
    isLive: () => transport.live(),
    subscribe(fn) {
      all.add(fn);
      return () => void all.delete(fn);
    },
    subscribeEnvironment(environmentId, fn) {
      let set = byEnvironment.get(environmentId);
      if (!set) byEnvironment.set(environmentId, (set = new Set()));
      set.add(fn);
      subscribers++;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        subscribers--;
        set.delete(fn);
        if (set.size === 0 && byEnvironment.get(environmentId) === set) byEnvironment.delete(environmentId);
      };
    },
    subscriberCount: () => subscribers,
    stop: () => transport.stop(),
  };
}

interface Transport {
  ensure(): Promise<void>;
  live(): boolean;
  stop(): Promise<void>;
}

function embeddedTransport(onPayload: (payload: string) => void): Transport {
  let started: Promise<void> | null = null;
  let live = false;
  let unlisten: (() => Promise<void>) | null = null;
  return {
    ensure() {
      started ??= (async () => {
        try {
          await openDatabase(); // migrated, and the very instance Prisma uses
          const db = await openEmbedded(dataDir());
          unlisten = await db.listen(CONFIG_CHANNEL, onPayload);
          live = true;
        } catch (error) {
          started = null; // retry on the next call
          logger().error({ err: error instanceof Error ? error.message : String(error) }, "config change listener could not start");
        }
      })();
      return started;
    },
    live: () => live,
    async stop() {
      live = false;
      await unlisten?.().catch(() => {});
      unlisten = null;
      started = null;
    },
  };
}

function postgresTransport(connectionString: string, onPayload: (payload: string | undefined) => void, dispatch: (c: ConfigChange) => void): Transport {
  let client: pg.Client | null = null;
  let live = false;
  let stopped = false;
  let connecting: Promise<void> | null = null;
  let failedAttempts = 0;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let healthTimer: NodeJS.Timeout | null = null;

  const lost = (c: pg.Client, reason: string) => {
    if (client !== c) return;
    client = null;
    live = false;
    if (healthTimer) clearInterval(healthTimer);
    healthTimer = null;
    void c.end().catch(() => {});
    if (stopped) return;
    logger().warn({ reason }, "config change listener lost its PostgreSQL connection; caches are bypassed until it reconnects");
    dispatch({ kind: "resync" });
    scheduleReconnect();
  };

  let connectedBefore = false;
  const scheduleReconnect = () => {
    if (stopped || reconnectTimer) return;
    // With jitter, so the instances that lost PostgreSQL together do not reconnect in lock-step.
    const delay = backoffDelay(++failedAttempts, RECONNECT_MIN_MS, RECONNECT_MAX_MS);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      void connect();
    }, delay);
    reconnectTimer.unref();
  };

  const connect = (): Promise<void> => {
    connecting ??= (async () => {
      const c = new pg.Client({ connectionString, application_name: "corsboard-listen", connectionTimeoutMillis: 5_000, keepAlive: true });
      c.on("notification", (msg) => {
        if (msg.channel === CONFIG_CHANNEL) onPayload(msg.payload);
      });
      c.on("error", (error) => lost(c, error.message));
      c.on("end", () => lost(c, "connection ended"));
      try {
        await c.connect();
        await c.query(`LISTEN ${CONFIG_CHANNEL}`);
        if (stopped) {
          await c.end().catch(() => {});
          return;
        }
        client = c;
        live = true;
        failedAttempts = 0;
        if (connectedBefore) metrics().listenReconnects.inc();
        connectedBefore = true;
        healthTimer = setInterval(() => void healthCheck(c), HEALTH_CHECK_MS);
        healthTimer.unref();
        // Anything cached before (while not live) may be stale.
        dispatch({ kind: "resync" });
      } catch (error) {
        c.removeAllListeners("end");
        c.on("error", () => {});
        void c.end().catch(() => {});
        if (!stopped) {
          logger().warn({ err: error instanceof Error ? error.message : String(error) }, "config change listener could not connect; retrying");
          scheduleReconnect();
        }
      } finally {
        connecting = null;
      }
    })();
    return connecting;
  };

  const healthCheck = async (c: pg.Client) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        c.query("SELECT 1"),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error("health check timed out")), HEALTH_CHECK_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      lost(c, error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    async ensure() {
      if (live || stopped) return;
      await (connecting ?? connect());
    },
    live: () => live,
    async stop() {
      stopped = true;
      live = false;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      if (healthTimer) clearInterval(healthTimer);
      await connecting?.catch(() => {});
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
