// Retry delays, shared by the SDK (reconnecting to Corsboard) and the server
// (reconnecting its PostgreSQL LISTEN connection). Pure: the caller sleeps.

/**
 * Exponential backoff with jitter: attempt 1 waits between `baseMs / 2` and
 * `baseMs`, each later attempt up to twice as long, never more than `maxMs`.
 * The jitter spreads the retries of many instances that lost their connection
 * at the same moment, so they do not reconnect in lock-step.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
