import { Prisma } from "@/lib/server/db/generated/client";
import { prisma } from "@/lib/server/db/client";
import { logger } from "@/lib/server/logger";

export type ConsumerMode = "fetch" | "long-poll" | "sse";

export interface ConsumerSighting {
  environmentId: string;
  tokenId: string;
  /** X-Corsboard-Instance, already sanitised ("" when absent). */
  instance: string;
  version: number;
  mode: ConsumerMode;
  userAgent: string | null;
}

/**
 * The consumer registry and token last-used times, written off the request
 * path: sightings are kept in memory and written in one statement every few
 * seconds. A (token, instance, version, mode) already written is written
 * again only after REWRITE_AFTER_MS, so a service fetching (or getting 304s)
 * in a loop costs no write per request. Token last-used times are written at
 * most once a minute per token, like verifyToken does for management calls.
 */
export interface UsageRecorder {
  record(sighting: ConsumerSighting): void;
  touchToken(tokenId: string): void;
  /** Writes what is pending now (tests; shutdown). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export const REWRITE_AFTER_MS = 30_000;
const TOKEN_TOUCH_MS = 60_000;
const FLUSH_DELAY_MS = 2_000;
const MAX_TRACKED = 50_000;
const CHUNK = 500;

export function createUsageRecorder(): UsageRecorder {
  const written = new Map<string, { version: number; mode: ConsumerMode; at: number }>();
  const pending = new Map<string, ConsumerSighting & { at: number }>();
  const tokenTouched = new Map<string, number>();
  const pendingTokens = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();

  const schedule = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      void flush();
    }, FLUSH_DELAY_MS);
    timer.unref();
  };

  const writeConsumers = async (rows: (ConsumerSighting & { at: number })[]) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const values = rows.slice(i, i + CHUNK).map(
        (r) =>
          Prisma.sql`(${r.environmentId}, ${r.tokenId}, ${r.instance}, ${r.version}::int, ${r.mode}, ${r.userAgent}::text, (${new Date(r.at).toISOString()}::timestamptz AT TIME ZONE 'UTC'))`,
      );
      // Rows of tokens or environments deleted meanwhile are skipped by the joins.
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
          "lastSeenAt" = GREATEST(EXCLUDED."lastSeenAt", "config_consumer"."lastSeenAt")`;
    }
  };

  const flush = (): Promise<void> => {
    const run = async () => {
      const rows = [...pending.values()];
      pending.clear();
      const tokens = [...pendingTokens];
      pendingTokens.clear();
      try {
        if (rows.length) await writeConsumers(rows);
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
    };
    flushing = flushing.then(run);
    return flushing;
  };

  return {
    record(s) {
      const k = key(s);
      const now = Date.now();
      const last = written.get(k);
      if (last && last.version === s.version && last.mode === s.mode && now - last.at < REWRITE_AFTER_MS) return;
      if (written.size >= MAX_TRACKED) written.clear();
      written.set(k, { version: s.version, mode: s.mode, at: now });
      pending.set(k, { ...s, at: now });
      schedule();
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
      timer = null;
      await flush();
    },
  };
}

function key(s: { environmentId: string; tokenId: string; instance: string }): string {
  return `${s.environmentId}|${s.tokenId}|${s.instance}`;
}
