/** Per probe request (the server's probe timeout) and probes in flight at once (lib/server/migration-checks). */
const TIMEOUT_S = 5;
const CONCURRENCY = 4;
const CELLS_PER_ENDPOINT = 6;

export interface RunEstimate {
  endpoints: number;
  hosts: number;
  /** A generous upper bound on how long the run takes, in seconds. */
  upToSeconds: number;
}

/**
 * What the pending state of a run says: how many endpoints are probed and
 * about how long it can take at worst. A host:port that does not answer
 * costs one timeout and its other cells are skipped; the worst case is every
 * host timing out once on its first probe and once more later (4 at a time),
 * plus the answered probes (well under 0.1 s each on a normal network).
 */
export function runEstimate(environments: readonly { baseUrls: readonly string[]; samplePaths: readonly string[] }[]): RunEstimate {
  const urls = new Set<string>();
  const hosts = new Set<string>();
  for (const env of environments) {
    for (const base of env.baseUrls) {
      hosts.add(hostPort(base));
      if (env.samplePaths.length === 0) urls.add(base);
      else for (const path of env.samplePaths) urls.add(`${base.replace(/\/+$/, "")}${path}`);
    }
  }
  const probes = urls.size * CELLS_PER_ENDPOINT;
  const upToSeconds = 2 * Math.ceil(hosts.size / CONCURRENCY) * TIMEOUT_S + Math.ceil((probes / CONCURRENCY) * 0.1);
  return { endpoints: urls.size, hosts: hosts.size, upToSeconds };
}

function hostPort(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol === "https:" ? "443" : "80")}`;
  } catch {
    return url;
  }
}

/** "40 s" or "2 min 5 s". */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const s = seconds % 60;
  return `${Math.floor(seconds / 60)} min${s ? ` ${s} s` : ""}`;
}
