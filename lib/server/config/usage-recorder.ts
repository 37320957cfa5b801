import { Prisma } from "@/lib/server/db/generated/client";
import { prisma } from "@/lib/server/db/client";
import { REWRITE_AFTER_SECONDS } from "@/lib/server/config/consumer-state";
import { maybePruneConsumers } from "@/lib/server/config/prune-consumers";
import { logger } from "@/lib/server/logger";

export type ConsumerMode = "fetch" | "long-poll" | "sse";

export interface ConsumerKey {
  environmentId: string;
  tokenId: string;
  /** X-Corsboard-Instance, already sanitised ("" when absent). */
  instance: string;
}

export interface ConsumerSighting extends ConsumerKey {
  version: number;
  mode: ConsumerMode;
  userAgent: string | null;
}

/**
 * The consumer registry and token last-used times, written off the request
 * path.
 *
 * - What changes what the consumers panel shows (a new version for an
 *   instance, a new mode, a stream opened or closed) is written at once:
 *   within CHANGE_DELAY_MS, coalesced, so a publish's thousands of SSE
 *   deliveries, or a reconnect storm after a restart, cost one statement per
 *   500 rows, at most ~20 flushes a second.
 * - A sighting that changes nothing (a 304, a heartbeat) only refreshes
 *   "last seen": batched every 2 s, and at most once per REWRITE_AFTER_MS per
 *   instance, so a service polling in a loop costs no write per request.
 * - Token last-used times: at most once a minute per token, like verifyToken
 *   does for management calls.
 */
export interface UsageRecorder {
  record(sighting: ConsumerSighting): void;
  /** An SSE stream opened (`version` = the one the client says it has, if any): live at once. */
  opened(sighting: Omit<ConsumerSighting, "version"> & { version: number | null }): void;
  /** An SSE stream ended: once no other stream of that instance is open in this process, it is marked disconnected at once. */
  closed(key: ConsumerKey): void;
  touchToken(tokenId: string): void;
  /** Writes what is pending now (tests; shutdown). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export const REWRITE_AFTER_MS = REWRITE_AFTER_SECONDS * 1000;
const TOKEN_TOUCH_MS = 60_000;
const FLUSH_DELAY_MS = 2_000;
const CHANGE_DELAY_MS = 50;
const MAX_TRACKED = 50_000;
const CHUNK = 500;

type Row = ConsumerSighting & { at: number };

export function createUsageRecorder(): UsageRecorder {
  /** What this process last wrote per instance; `disconnected` after a close, so the next sighting is written at once. */
  const written = new Map<string, { version: number; mode: ConsumerMode; at: number; disconnected?: boolean }>();
  const pending = new Map<string, Row>();
  /** Instances whose last stream here closed: key → (close time, our last sighting's time). */
  const pendingClosed = new Map<string, ConsumerKey & { at: number; lastWrittenAt: number }>();
  const openStreams = new Map<string, number>();
  const tokenTouched = new Map<string, number>();
  const pendingTokens = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let soon: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();

  const schedule = () => {
    if (timer || soon) return;
    timer = setTimeout(() => {
      timer = null;
      void flush();
    }, FLUSH_DELAY_MS);
    timer.unref();
  };
  /** Writes within CHANGE_DELAY_MS, with everything else pending. */
  const scheduleNow = () => {
    if (soon) return;
    if (timer) clearTimeout(timer);
    timer = null;
    soon = setTimeout(() => {
      soon = null;
      void flush();
    }, CHANGE_DELAY_MS);
    soon.unref();
  };

  const writeConsumers = async (rows: Row[]) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const values = rows.slice(i, i + CHUNK).map(
        (r) =>
          Prisma.sql`(${r.environmentId}, ${r.tokenId}, ${r.instance}, ${r.version}::int, ${r.mode}, ${r.userAgent}::text, (${new Date(r.at).toISOString()}::timestamptz AT TIME ZONE 'UTC'))`,
      );
      // Rows of tokens or environments deleted meanwhile are skipped by the joins.
      // A sighting newer than a disconnection clears it (the instance is back).
      await prisma.$executeRaw`
        INSERT INTO "config_consumer" ("environmentId", "tokenId", "instance", "version", "mode", "userAgent", "firstSeenAt", "lastSeenAt")
        SELECT v.env, v.tok, v.inst, v.ver, v.mode, v.ua, v.at, v.at
        FROM (VALUES ${Prisma.join(values)}) AS v(env, tok, inst, ver, mode, ua, at)
        JOIN "api_token" t ON t."id" = v.tok
        JOIN "environment" e ON e."id" = v.env
        ON CONFLICT ("environmentId", "tokenId", "instance") DO UPDATE SET
          "version" = CASE WHEN EXCLUDED."lastSeenAt" >= "config_consumer"."lastSeenAt" THEN EXCLUDED."version" ELSE "config_consumer"."version" END,
          "mode" = CASE WHEN EXCLUDED."lastSeenAt" >= "config_consumer"."lastSeenAt" THEN EXCLUDED."mode" ELSE "config_consumer"."mode" END,
          "userAgent" = COALESCE(EXCLUDED."userAgent", "config_consumer"."userAgent"),
          "lastSeenAt" = GREATEST(EXCLUDED."lastSeenAt", "config_consumer"."lastSeenAt"),
          "disconnectedAt" = CASE WHEN EXCLUDED."lastSeenAt" >= "config_consumer"."disconnectedAt" THEN NULL ELSE "config_consumer"."disconnectedAt" END`;
    }
  };

  /**
   * Marks instances disconnected, unless another server saw them since our
   * last sighting (the service reconnected elsewhere before we noticed the
   * close): the row's lastSeenAt must not be newer than what we wrote.
   */
  const writeClosed = async (closes: (ConsumerKey & { at: number; lastWrittenAt: number })[]) => {
    for (const c of closes) {
      await prisma.$executeRaw`
        UPDATE "config_consumer" SET "disconnectedAt" = (${new Date(c.at).toISOString()}::timestamptz AT TIME ZONE 'UTC')
        WHERE "environmentId" = ${c.environmentId} AND "tokenId" = ${c.tokenId} AND "instance" = ${c.instance}
          AND "lastSeenAt" <= (${new Date(c.lastWrittenAt).toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
    }
  };

  const flush = (): Promise<void> => {
    const run = async () => {
      const rows = [...pending.values()];
      pending.clear();
      const closes = [...pendingClosed.values()];
      pendingClosed.clear();
      const tokens = [...pendingTokens];
      pendingTokens.clear();
      try {
        if (rows.length) await writeConsumers(rows);
        if (closes.length) await writeClosed(closes);
        if (tokens.length) {
          await prisma.apiToken.updateMany({ where: { id: { in: tokens } }, data: { lastUsedAt: new Date() } });
        }
      } catch (error) {
        // Bookkeeping only: never fail a request for it. Forget what was not
        // written so the next sighting writes again.
        for (const r of rows) written.delete(key(r));
        for (const t of tokens) tokenTouched.delete(t);
        logger().warn({ err: error instanceof Error ? error.message : String(error) }, "could not record config API consumers");
      }
      maybePruneConsumers();
    };
    flushing = flushing.then(run);
    return flushing;
  };

  const record = (s: ConsumerSighting) => {
    const k = key(s);
    const now = Date.now();
    const last = written.get(k);
    const changed = !last || last.version !== s.version || last.mode !== s.mode || last.disconnected === true;
    if (!changed && now - last.at < REWRITE_AFTER_MS) return;
    if (written.size >= MAX_TRACKED) written.clear();
    written.set(k, { version: s.version, mode: s.mode, at: now });
    pending.set(k, { ...s, at: now });
    pendingClosed.delete(k); // seen again before the close was written: it is back
    if (changed) scheduleNow();
    else schedule();
  };

  return {
    record,
    opened(s) {
      const k = key(s);
      openStreams.set(k, (openStreams.get(k) ?? 0) + 1);
      if (s.version !== null) record({ ...s, version: s.version });
    },
    closed(c) {
      const k = key(c);
      const open = (openStreams.get(k) ?? 1) - 1;
      if (open > 0) {
        openStreams.set(k, open); // another stream of this instance is still open here
        return;
      }
      openStreams.delete(k);
      const now = Date.now();
      const last = written.get(k);
      if (last) last.disconnected = true;
      pendingClosed.set(k, { environmentId: c.environmentId, tokenId: c.tokenId, instance: c.instance, at: now, lastWrittenAt: last?.at ?? now });
      scheduleNow();
    },
    touchToken(tokenId) {
      const now = Date.now();
      const last = tokenTouched.get(tokenId);
      if (last !== undefined && now - last < TOKEN_TOUCH_MS) return;
      if (tokenTouched.size >= MAX_TRACKED) tokenTouched.clear();
      tokenTouched.set(tokenId, now);
      pendingTokens.add(tokenId);
      schedule();
    },
    flush,
    async stop() {
      if (timer) clearTimeout(timer);
      if (soon) clearTimeout(soon);
      timer = null;
      soon = null;
      await flush();
    },
  };
}

/**
 * environment → token → instance → the key string: a sighting (every config
 * request makes one) finds its key without building and hashing a new string.
 * Bounded like the maps it keys; emptied when full.
 */
const keys = new Map<string, Map<string, Map<string, string>>>();
let keyCount = 0;

function key(s: ConsumerKey): string {
  let byToken = keys.get(s.environmentId);
  if (!byToken) keys.set(s.environmentId, (byToken = new Map()));
  let byInstance = byToken.get(s.tokenId);
  if (!byInstance) byToken.set(s.tokenId, (byInstance = new Map()));
  let k = byInstance.get(s.instance);
  if (k === undefined) {
    if (keyCount >= MAX_TRACKED) {
      keys.clear();
      keyCount = 0;
    }
    k = `${s.environmentId}|${s.tokenId}|${s.instance}`;
    byInstance.set(s.instance, k);
    keyCount++;
  }
  return k;
}
