import type { LiveResult } from "@/lib/api/schemas/migration-check";
import { describeCause, isHostDown, type NetworkCause } from "@/lib/server/probe/probe-outcome";

/**
 * Dead hosts of one migration-check run. Every cell of an endpoint goes to
 * the same host:port, and a project's sample paths multiply that: a host that
 * refuses connections, does not resolve or never answers would cost every
 * cell its own 5 s timeout (6 cells × endpoints). Once a host:port failed
 * that way, its remaining cells are not probed again but marked unreachable
 * with the first failure as the reason. Only failures that say nothing about
 * the path or the request are counted (isHostDown: connection
 * refused/unreachable, DNS failure, timeout). A reset, a TLS error or an SSRF
 * refusal is kept per cell.
 */
export class DeadHosts {
  private readonly dead = new Map<string, { reason: string; first: boolean }>();
  private readonly probed = new Set<string>();

  /** The cell to report instead of probing, when `url`'s host:port is already known dead. */
  skip(url: string): LiveResult | null {
    const key = hostPortOf(url);
    const dead = key === null ? undefined : this.dead.get(key);
    if (!dead) return null;
    return { verdict: "unreachable", stage: null, failure: null, actualChecked: false, error: `not probed again: ${key} did not answer ${dead.first ? "the first probe" : "an earlier probe"} (${dead.reason})` };
  }

  /** Note what a probe of `url` got (its network cause, null when it was answered or refused); a host-level failure marks its host:port dead. */
  record(url: string, cause: NetworkCause | null): void {
    const key = hostPortOf(url);
    if (key === null) return;
    const first = !this.probed.has(key);
    this.probed.add(key);
    if (cause !== null && isHostDown(cause) && !this.dead.has(key)) this.dead.set(key, { reason: describeCause(cause), first });
  }
}

/** `host:port` with the scheme's default port filled in (`api.example.com:443`); null for a URL that does not parse. */
export function hostPortOf(url: string): string | null {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol === "https:" ? "443" : "80")}`;
  } catch {
    return null;
  }
}

/** Job indexes split into the first job of each host:port (in order) and all the others. */
export function firstPerHost(urls: readonly string[]): { first: number[]; rest: number[] } {
  const seen = new Set<string>();
  const first: number[] = [];
  const rest: number[] = [];
  urls.forEach((url, i) => {
    const key = hostPortOf(url) ?? url;
    if (seen.has(key)) rest.push(i);
    else {
      seen.add(key);
      first.push(i);
    }
  });
  return { first, rest };
}
