import type { ConfigRuntime } from "@/lib/server/config/config-runtime";
import type { LatestPolicy } from "@/lib/server/config/policy-cache";
import { logger } from "@/lib/server/logger";
import { metrics } from "@/lib/server/metrics/metrics";

/**
 * SSE fan-out: ONE listener subscription per environment with open streams,
 * not one per stream. On a change it reads the latest version once (one
 * shared cache read) and hands it to every stream synchronously: 10,000
 * streams cost one read and a loop, with no promise per subscriber.
 */
export interface StreamTarget {
  /** A newer version may be out: send it if this stream doesn't have it. */
  push(latest: LatestPolicy | null): void;
  /** The read failed: end the stream (the client reconnects and reads afresh). */
  fail(): void;
}

interface Hub {
  targets: Set<StreamTarget>;
  unsubscribe(): void;
  queue: Promise<void>;
}

const hubs = new WeakMap<ConfigRuntime, Map<string, Hub>>();

/** Adds a stream to its environment's fan-out; returns the function that removes it. */
export function joinFanOut(runtime: ConfigRuntime, environmentId: string, target: StreamTarget): () => void {
  let byEnvironment = hubs.get(runtime);
  if (!byEnvironment) hubs.set(runtime, (byEnvironment = new Map()));
  const environments = byEnvironment;
  let hub = environments.get(environmentId);
  if (!hub) {
    const created: Hub = { targets: new Set(), unsubscribe: () => {}, queue: Promise.resolve() };
    created.unsubscribe = runtime.listener.subscribeEnvironment(environmentId, (change) => {
      created.queue = created.queue.then(async () => {
        let latest: LatestPolicy | null;
        try {
          latest = await runtime.policies.latest(environmentId);
        } catch (error) {
          logger().warn({ err: error instanceof Error ? error.message : String(error) }, "config streams could not read the latest version");
          for (const t of [...created.targets]) t.fail();
          return;
        }
        for (const t of [...created.targets]) t.push(latest);
        // Delivered (written to every stream of this environment): publish → notify latency.
        if (change.kind === "policy" && change.publishedAt && latest?.version.version === change.version) {
          metrics().publishToNotify.observe(Math.max(0, Date.now() - change.publishedAt) / 1000);
        }
      });
    });
    environments.set(environmentId, (hub = created));
  }
  const joined = hub;
  joined.targets.add(target);
  return () => {
    joined.targets.delete(target);
    if (joined.targets.size === 0 && environments.get(environmentId) === joined) {
      joined.unsubscribe();
      environments.delete(environmentId);
    }
  };
}
