// A DNS cache for one batch of probes (a migration check, a run of saved
// checks): the same host names come back for every cell, and each lookup
// costs a thread of libuv's small pool (4 threads) and up to the timeout when
// a resolver hangs. One lookup per name per batch — answers and failures
// alike — keeps a batch from re-resolving a dead name hundreds of times.
// The cache lives only as long as the batch (no TTL handling needed): create
// one per run and drop it afterwards.

import type { ProbeOptions } from "./run-probe";
import { DNS_TIMEOUT_MS, lookupWithTimeout, systemResolver, type Resolver } from "./ssrf-guard";

/**
 * A Resolver that asks `resolve` (the system resolver by default) once per
 * host name (case-insensitive) and answers later calls from the first one's
 * result — its addresses, or its error, timeouts included.
 */
export function createCachedResolver(resolve: Resolver = systemResolver, options: { timeoutMs?: number } = {}): Resolver {
  const cache = new Map<string, Promise<Awaited<ReturnType<Resolver>>>>();
  const timeoutMs = options.timeoutMs ?? DNS_TIMEOUT_MS;
  return (hostname) => {
    const key = hostname.toLowerCase().replace(/\.$/, "");
    let answer = cache.get(key);
    if (answer === undefined) {
      answer = lookupWithTimeout(resolve, hostname, timeoutMs);
      // Callers that never await a failure must not see an unhandled rejection.
      answer.catch(() => undefined);
      cache.set(key, answer);
    }
    return answer;
  };
}

/**
 * The same probe options with a DNS cache for one batch: pass the result to
 * every runProbe of the batch, e.g.
 * `const options = withResolveCache(probeOptionsFromEnv());`.
 * The host map and SSRF policy are kept; addresses are still checked per probe.
 */
export function withResolveCache(options: ProbeOptions): ProbeOptions {
  return { ...options, resolve: createCachedResolver(options.resolve, options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) };
}
