import type { ConfigRuntime } from "@/lib/server/config/config-runtime";
import type { ConfigChange } from "@/lib/server/config/config-channel";
import type { LatestPolicy } from "@/lib/server/config/policy-cache";

/** `publishedAt`: the publish's commit time (epoch ms) when a notification brought the change. */
export type WaitResult = { kind: "changed"; latest: LatestPolicy | null; publishedAt?: number } | { kind: "timeout" | "aborted" };

/**
 * Long-poll: resolves as soon as the environment's latest version is not
 * `known` (0 = the caller has none yet), else when a publish notification
 * brings one, else at the timeout. Subscribes before reading, so a publish
 * that lands in between is not missed. Costs no query while waiting: the
 * notification invalidates the cache, and every waiter of the environment
 * shares the one read that follows.
 */
export function waitForVersion(
  runtime: ConfigRuntime,
  environmentId: string,
  known: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<WaitResult> {
  const differs = (latest: LatestPolicy | null) => (latest ? latest.version.version !== known : known !== 0);
  return new Promise<WaitResult>((resolve, reject) => {
    let done = false;
    let checking: Promise<void> = Promise.resolve();
    const finish = (result: WaitResult | Error) => {
      if (done) return;
      done = true;
      unsubscribe();
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const check = (change?: ConfigChange) => {
      checking = checking.then(async () => {
        if (done) return;
        try {
          const latest = await runtime.policies.latest(environmentId);
          const publishedAt = change?.kind === "policy" ? change.publishedAt : undefined;
          if (differs(latest)) finish({ kind: "changed", latest, ...(publishedAt ? { publishedAt } : {}) });
        } catch (error) {
          finish(error instanceof Error ? error : new Error(String(error)));
        }
      });
    };
    const onAbort = () => finish({ kind: "aborted" });
    const unsubscribe = runtime.listener.subscribeEnvironment(environmentId, check);
    const timer = setTimeout(() => finish({ kind: "timeout" }), timeoutMs);
    if (signal?.aborted) return finish({ kind: "aborted" });
    signal?.addEventListener("abort", onAbort);
    check();
  });
}
