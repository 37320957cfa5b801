/**
 * Exponential backoff with full jitter: attempt 1 waits up to `baseMs`,
 * each later attempt up to twice as long, never more than `maxMs`. Jitter
 * spreads the retries of many instances restarting at once.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Resolves after `ms`, or at once when `signal` aborts. The timer keeps the
 * process alive (a service awaiting `client.ready` during a retry must not
 * exit); `client.close()` aborts it.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
