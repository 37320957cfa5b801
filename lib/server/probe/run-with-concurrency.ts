/**
 * Runs `task` over `items` (a batch of probes: migration checks, saved-check runs) with at most `limit` running at once, results in
 * input order. Tasks are expected not to throw (callers turn failures into
 * values); a throw rejects the whole run.
 */
export async function runWithConcurrency<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
