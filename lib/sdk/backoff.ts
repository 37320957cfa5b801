/** Exponential backoff with jitter: one implementation, shared with the server (lib/cors/backoff.ts). */
export { backoffDelay } from "../cors/backoff";

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
