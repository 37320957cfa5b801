/**
 * One timer per period for any number of callbacks (SSE heartbeats): 10,000
 * streams cost one interval, not 10,000. A callback added mid-period first
 * runs at the next tick, so sooner than its period, never later.
 */
interface Group {
  timer: NodeJS.Timeout;
  callbacks: Set<() => void>;
}

const groups = new Map<number, Group>();

export function onEveryInterval(periodMs: number, callback: () => void): () => void {
  let group = groups.get(periodMs);
  if (!group) {
    const callbacks = new Set<() => void>();
    const timer = setInterval(() => {
      for (const fn of callbacks) fn();
    }, periodMs);
    timer.unref();
    groups.set(periodMs, (group = { timer, callbacks }));
  }
  const g = group;
  g.callbacks.add(callback);
  return () => {
    g.callbacks.delete(callback);
    if (g.callbacks.size === 0 && groups.get(periodMs) === g) {
      clearInterval(g.timer);
      groups.delete(periodMs);
    }
  };
}
