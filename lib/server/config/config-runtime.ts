import { dataDir, env, type Env } from "@/lib/server/env";
import { createChangeListener, type ChangeListener } from "@/lib/server/config/change-listener";
import { createEnvironmentLookup, type EnvironmentLookup } from "@/lib/server/config/environment-lookup";
import { createOpenConnections, type OpenConnections } from "@/lib/server/config/open-connections";
import { createPolicyCache, type PolicyCache } from "@/lib/server/config/policy-cache";
import { createTokenCache, type TokenCache } from "@/lib/server/config/token-cache";
import { createUsageRecorder, type UsageRecorder } from "@/lib/server/config/usage-recorder";

/**
 * The config API's in-process state: one change listener, the caches it
 * invalidates, and the usage recorder. One per process and database, kept on
 * globalThis (Next.js may evaluate a module once per route bundle, and
 * `next dev` re-evaluates on reload), keyed by the database so tests that
 * switch databases in one process get separate state.
 */
export interface ConfigRuntime {
  listener: ChangeListener;
  policies: PolicyCache;
  tokens: TokenCache;
  environments: EnvironmentLookup;
  usage: UsageRecorder;
  /** Open SSE streams and long-polls, ended together at shutdown. */
  connections: OpenConnections;
}

const key = Symbol.for("corsboard.config-runtime");
type Registry = Map<string, ConfigRuntime>;
const registry: Registry = ((globalThis as Record<symbol, unknown>)[key] as Registry | undefined) ?? new Map();
(globalThis as Record<symbol, unknown>)[key] = registry;

/** The last key made, for the Env and working directory it was made from (asked on every config request). */
let lastKey: { env: Env; cwd: string; key: string } | null = null;

function databaseKey(): string {
  const e = env();
  const cwd = process.cwd();
  if (lastKey !== null && lastKey.env === e && lastKey.cwd === cwd) return lastKey.key;
  const url = e.DATABASE_URL;
  const key = url ? `postgres:${url}` : `embedded:${dataDir(e)}`;
  lastKey = { env: e, cwd, key };
  return key;
}

export function configRuntime(): ConfigRuntime {
  const k = databaseKey();
  const existing = registry.get(k);
  if (existing) return existing;
  const listener = createChangeListener();
  const runtime: ConfigRuntime = {
    listener,
    policies: createPolicyCache(listener),
    tokens: createTokenCache(listener),
    environments: createEnvironmentLookup(listener),
    usage: createUsageRecorder(),
    connections: createOpenConnections(),
  };
  listener.subscribe((change) => {
    switch (change.kind) {
      case "policy":
        runtime.policies.invalidate(change.environmentId, change.version);
        break;
      case "token":
        runtime.tokens.invalidate(change.secretHash);
        break;
      case "resync":
        runtime.policies.clear();
        runtime.tokens.clear();
        runtime.environments.clear();
        break;
    }
  });
  registry.set(k, runtime);
  return runtime;
}

/** The runtime if this process has started one (shutdown must not start one just to stop it). */
export function configRuntimeIfStarted(): ConfigRuntime | undefined {
  return registry.get(databaseKey());
}

/** Stops the listener and writes pending usage (tests, scripts); the next use starts afresh. */
export async function stopConfigRuntime(): Promise<void> {
  const k = databaseKey();
  const runtime = registry.get(k);
  if (!runtime) return;
  registry.delete(k);
  await runtime.usage.stop();
  await runtime.listener.stop();
}
