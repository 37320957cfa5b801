// A static host → address map in front of DNS, for probing test hosts that
// only exist on this machine (the e2e suite maps `*.test` to 127.0.0.1, as
// Chromium's --host-resolver-rules does for the browser). Mapped addresses
// still go through the SSRF guard: 127.0.0.1 is refused unless
// CORSBOARD_PROBE_ALLOW_PRIVATE is also set.

import { isIP } from "node:net";
import { systemResolver, type ResolvedAddress, type Resolver } from "./ssrf-guard";

export interface HostMapEntry {
  /** `api.test` (exact) or `*.test` (any name ending in `.test`, not `test` itself). */
  readonly pattern: string;
  readonly address: ResolvedAddress;
}

/**
 * Parse `CORSBOARD_PROBE_HOST_MAP`: `pattern=address` pairs separated by
 * commas, e.g. `*.test=127.0.0.1,api.example.com=::1`. Returns the problems
 * (naming the entry) instead of throwing, so the env parser can report them.
 */
export function parseHostMap(value: string): { entries: HostMapEntry[]; problems: string[] } {
  const entries: HostMapEntry[] = [];
  const problems: string[] = [];
  for (const raw of value.split(",")) {
    const item = raw.trim();
    if (!item) continue;
    const eq = item.indexOf("=");
    const pattern = (eq < 0 ? "" : item.slice(0, eq)).trim().toLowerCase();
    const address = (eq < 0 ? "" : item.slice(eq + 1)).trim();
    const family = isIP(address);
    if (!pattern || !/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(pattern) || family === 0) {
      problems.push(`"${item}" is not pattern=address (e.g. *.test=127.0.0.1)`);
      continue;
    }
    entries.push({ pattern, address: { address, family: family === 6 ? 6 : 4 } });
  }
  return { entries, problems };
}

function matches(pattern: string, hostname: string): boolean {
  if (pattern.startsWith("*.")) return hostname.endsWith(pattern.slice(1)) && hostname.length > pattern.length - 1;
  return hostname === pattern;
}

/** A resolver answering mapped names from the map and everything else from `fallback`. */
export function hostMapResolver(entries: readonly HostMapEntry[], fallback: Resolver = systemResolver): Resolver {
  if (entries.length === 0) return fallback;
  return async (hostname) => {
    const name = hostname.toLowerCase().replace(/\.$/, "");
    const hit = entries.find((e) => matches(e.pattern, name));
    return hit ? [hit.address] : fallback(hostname);
  };
}
