// The probe options every server-side caller uses (the probe API, migration
// checks, saved checks): SSRF policy and host map from the environment.

import { env } from "@/lib/server/env";
import { hostMapResolver, parseHostMap } from "./host-map";
import type { ProbeOptions } from "./run-probe";

let cached: { key: string; options: ProbeOptions } | undefined;

export function probeOptionsFromEnv(): ProbeOptions {
  const { CORSBOARD_PROBE_ALLOW_PRIVATE: allowPrivate, CORSBOARD_PROBE_HOST_MAP: hostMap } = env();
  const key = `${allowPrivate}|${hostMap}`;
  if (cached?.key !== key) {
    const { entries } = parseHostMap(hostMap);
    cached = { key, options: { allowPrivate, ...(entries.length > 0 ? { resolve: hostMapResolver(entries) } : {}) } };
  }
  return cached.options;
}
