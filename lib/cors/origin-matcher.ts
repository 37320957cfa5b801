// The matcher: compiled once from the allowlist, then asked "is this Origin
// header value allowed?" on every request.
//
// - Exact origins live in a hash map keyed by their canonical text: a lookup
//   costs the same for 10 or 100,000 origins.
// - Patterns are grouped by scheme and port (`https|8443`, `http|*`); inside a
//   group, subdomain wildcards are keyed by their base host. A request host
//   `a.b.example.com` looks up its proper suffixes `b.example.com`, then
//   `example.com`, then `com` — a handful of map lookups, however many
//   patterns there are. A pattern therefore can only match hosts that end in
//   "." + its base: never the base itself, never `evil-example.com`.
// - The Origin header value is compared as received. Browsers always send the
//   canonical serialization (https://fetch.spec.whatwg.org/#origin-header);
//   anything spelled differently matches nothing.

import { splitSerializedOrigin } from "./origin-pattern";
import type { CompiledRule, OriginMatch } from "./types";

/**
 * A rule with its preallocated answer (matching allocates nothing on a hit),
 * chained to the next rule with the same key (only when a key is listed twice,
 * which compiled policies never do): one hop from the hash map to the answer.
 */
interface Entry {
  readonly rule: CompiledRule;
  readonly hit: OriginMatch;
  next: Entry | null;
}
type Bucket = Entry;

interface PatternGroup {
  /** Port-wildcard patterns without a subdomain wildcard (`http://localhost:*`), by host. */
  readonly hosts: Map<string, Bucket>;
  /** Subdomain wildcards (`https://*.example.com`), by base host. */
  readonly suffixes: Map<string, Bucket>;
  /** Length of the longest base host in `suffixes`: longer suffixes of a request host can't be keys. */
  longestSuffix: number;
}

export interface Matcher {
  readonly match: (origin: string, now?: number) => OriginMatch;
  /** An unexpiring `*` rule: every Origin gets the same answer. */
  readonly originIndependent: boolean;
}

const NO_MATCH: OriginMatch = Object.freeze({ matched: false, expired: null });

function push<K>(map: Map<K, Bucket>, key: K, entry: Entry): void {
  let last = map.get(key);
  if (last === undefined) {
    map.set(key, entry);
    return;
  }
  while (last.next !== null) last = last.next;
  last.next = entry;
}

export function buildMatcher(rules: readonly CompiledRule[]): Matcher {
  const exact = new Map<string, Bucket>();
  const groups = new Map<string, PatternGroup>();
  const special = new Map<"null" | "any", Bucket>();
  let hasExpiry = false;

  for (const rule of rules) {
    const entry: Entry = { rule, hit: Object.freeze({ matched: true, rule }), next: null };
    if (rule.expiresAt !== null) hasExpiry = true;
    const origin = rule.origin;
    switch (origin.kind) {
      case "exact":
        push(exact, origin.value, entry);
        break;
      case "null":
      case "any":
        push(special, origin.kind, entry);
        break;
      case "pattern": {
        const key = `${origin.scheme}|${origin.port ?? ""}`;
        let group = groups.get(key);
        if (!group) {
          group = { hosts: new Map(), suffixes: new Map(), longestSuffix: 0 };
          groups.set(key, group);
        }
        push(origin.subdomains ? group.suffixes : group.hosts, origin.host, entry);
        if (origin.subdomains) group.longestSuffix = Math.max(group.longestSuffix, origin.host.length);
        break;
      }
    }
  }

  const anyRules = special.get("any");
  const nullRules = special.get("null");
  let originIndependent = false;
  for (let entry = anyRules ?? null; entry !== null; entry = entry.next) if (entry.rule.expiresAt === null) originIndependent = true;
  const hasPatterns = groups.size > 0;

  // The first expired rule met during the current `match` call (matching is synchronous).
  let expired: CompiledRule | null = null;

  /** First rule of the bucket still active at `now`; remembers an expired one, to explain. */
  function pick(bucket: Bucket | undefined, now: number): OriginMatch | null {
    if (bucket === undefined) return null;
    for (let entry: Entry | null = bucket; entry !== null; entry = entry.next) {
      const expiresAt = entry.rule.expiresAt;
      if (expiresAt === null || now < expiresAt) return entry.hit;
      expired ??= entry.rule;
    }
    return null;
  }

  function matchPatterns(origin: string, now: number): OriginMatch | null {
    const parts = splitSerializedOrigin(origin);
    if (parts === null) return null;
    const { scheme, host } = parts;
    const keys = [`${scheme}|${parts.port ?? ""}`, `${scheme}|*`];
    for (const key of keys) {
      const group = groups.get(key);
      if (!group) continue;
      const byHost = pick(group.hosts.get(host), now);
      if (byHost) return byHost;
      if (group.suffixes.size === 0) continue;
      // proper suffixes only, longest (most specific) first — and none longer
      // than the longest base: a request host with thousands of labels (an
      // Origin header of many kilobytes) must not cost a hash of every suffix.
      const from = Math.max(0, host.length - group.longestSuffix - 1);
      for (let dot = host.indexOf(".", from); dot >= 0; dot = host.indexOf(".", dot + 1)) {
        const bySuffix = pick(group.suffixes.get(host.slice(dot + 1)), now);
        if (bySuffix) return bySuffix;
      }
    }
    return null;
  }

  function match(origin: string, now?: number): OriginMatch {
    if (typeof origin !== "string") return NO_MATCH;
    const at = now ?? (hasExpiry ? Date.now() : 0);
    expired = null;
    const result =
      (anyRules !== undefined ? pick(anyRules, at) : null) ??
      (origin === "null" && nullRules !== undefined ? pick(nullRules, at) : null) ??
      pick(exact.get(origin), at) ??
      (hasPatterns ? matchPatterns(origin, at) : null);
    if (result) return result;
    return expired === null ? NO_MATCH : { matched: false, expired };
  }

  return Object.freeze({ match, originIndependent });
}
