/**
 * The endpoints of an environment: every base URL × every sample path of its
 * project, or just the base URLs when the project has no sample paths. A base
 * URL's trailing slash is dropped before the path is appended
 * (`https://api.example.com/v1/` + `/orders` → `https://api.example.com/v1/orders`).
 * Duplicates are kept once, in order.
 */
export function endpointUrls(baseUrls: readonly string[], samplePaths: readonly string[]): string[] {
  const out: string[] = [];
  for (const base of baseUrls) {
    if (samplePaths.length === 0) out.push(base);
    else for (const path of samplePaths) out.push(`${base.replace(/\/+$/, "")}${path}`);
  }
  return [...new Set(out)];
}
