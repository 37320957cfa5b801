import { isToken } from "../cors";
import { sleep } from "./backoff";
import type { Refusal } from "./refusal";
import type { CorsboardLogger } from "./types";

/** Most distinct origins kept between two reports (the rest are counted as dropped). */
const MAX_ORIGINS = 5_000;
/** The server's per-report limit (lib/api/schemas/config.ts, MAX_OBSERVED_PER_REPORT). */
const PER_REPORT = 1_000;
/** Distinct refusal reasons kept per origin between two reports (the server's limit too). */
const MAX_REFUSALS_PER_ORIGIN = 20;

export interface ObservedReporter {
  record(origin: string, allowed: boolean, refusal?: Refusal | null): void;
  /** Sends what is pending now. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

interface Counts {
  allowed: number;
  rejected: number;
  lastAllowed: boolean;
  /** Why requests were refused, by kind + method/headers (absent until the first refusal). */
  refusals?: Map<string, { kind: Refusal["kind"]; method?: string; headers?: string[]; count: number }>;
}

/** An HTTP token of at most 128 characters: what the server accepts as a method or header name (anything else a client made up is not reported). */
const isReportableToken = (value: string) => value.length <= 128 && isToken(value);

function addRefusal(c: Counts, refusal: Refusal, count: number) {
  const method = refusal.method !== undefined && isReportableToken(refusal.method) && refusal.method.length <= 64 ? refusal.method : undefined;
  const headers = refusal.headers?.filter(isReportableToken).slice(0, 20);
  const key = `${refusal.kind} ${method ?? ""} ${headers?.join(",") ?? ""}`;
  const r = (c.refusals ??= new Map()).get(key);
  if (r) r.count += count;
  else if (c.refusals.size < MAX_REFUSALS_PER_ORIGIN) {
    c.refusals.set(key, { kind: refusal.kind, ...(method ? { method } : {}), ...(headers?.length ? { headers } : {}), count });
  }
}

function reportEntry(origin: string, c: Counts) {
  const { refusals, ...counts } = c;
  return refusals ? { origin, ...counts, refusals: [...refusals.values()] } : { origin, ...counts };
}

/**
 * Aggregates the Origin headers a service sees (allowed and rejected counts
 * per origin) and sends them to Corsboard in batches, every `intervalMs`
 * (default 60 s). Memory is bounded; a failed report is merged back and
 * retried with the next one.
 */
export function createObservedReporter(options: {
  url: string;
  headers: () => Record<string, string>;
  fetch: typeof globalThis.fetch;
  logger: CorsboardLogger;
  version: () => number | null;
  intervalMs?: number;
}): ObservedReporter {
  let counts = new Map<string, Counts>();
  let dropped = 0;
  let sending: Promise<void> = Promise.resolve();
  const timer = setInterval(() => void flush(), options.intervalMs ?? 60_000);
  timer.unref?.();

  const record = (origin: string, allowed: boolean, refusal?: Refusal | null) => {
    const key = origin.slice(0, 2048);
    let c = counts.get(key);
    if (!c) {
      if (counts.size >= MAX_ORIGINS) {
        dropped++;
        return;
      }
      counts.set(key, (c = { allowed: 0, rejected: 0, lastAllowed: allowed }));
    }
    if (allowed) c.allowed++;
    else c.rejected++;
    c.lastAllowed = allowed;
    if (refusal) addRefusal(c, refusal, 1);
  };

  const send = async () => {
    if (counts.size === 0) return;
    const batch = counts;
    counts = new Map();
    const entries = [...batch.entries()];
    for (let i = 0; i < entries.length; i += PER_REPORT) {
      const chunk = entries.slice(i, i + PER_REPORT);
      try {
        const res = await options.fetch(options.url, {
          method: "POST",
          headers: options.headers(),
          body: JSON.stringify({ version: options.version(), origins: chunk.map(([origin, c]) => reportEntry(origin, c)) }),
          signal: AbortSignal.timeout(10_000),
        });
        await res.body?.cancel().catch(() => {});
        if (res.status >= 300) throw new Error(`HTTP ${res.status}`);
      } catch (error) {
        // Merge back what was not sent; the next report retries it.
        for (const [origin, c] of entries.slice(i)) {
          const now = counts.get(origin);
          if (now) {
            now.allowed += c.allowed;
            now.rejected += c.rejected;
            for (const r of c.refusals?.values() ?? []) addRefusal(now, r, r.count);
          } else if (counts.size < MAX_ORIGINS) counts.set(origin, c);
        }
        options.logger.warn(`Corsboard: could not report observed origins (${error instanceof Error ? error.message : String(error)}); will retry.`);
        return;
      }
    }
    if (dropped > 0) {
      options.logger.warn(`Corsboard: ${dropped} sightings of further origins were not counted (more than ${MAX_ORIGINS} distinct origins between reports).`);
      dropped = 0;
    }
  };

  const flush = () => {
    sending = sending.then(send);
    return sending;
  };

  return {
    record,
    flush,
    async close() {
      clearInterval(timer);
      await Promise.race([flush(), sleep(5_000)]);
    },
  };
}
