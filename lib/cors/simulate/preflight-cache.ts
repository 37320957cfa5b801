// The CORS-preflight cache across a sequence of requests: what a successful
// preflight lets later requests skip, and (per engine) whether a failed
// response clears it. Immutable: each simulation returns the cache after it.
// https://fetch.spec.whatwg.org/#cors-preflight-cache

import type { ObservedResponse } from "./types";

export interface PreflightCacheEntry {
  /** The serialized origin the preflight was sent with. */
  readonly origin: string;
  readonly url: string;
  /** Whether the request's credentials mode was "include" (a separate cache key). */
  readonly credentials: boolean;
  /** The preflight response, re-checked against each later request's method and headers. */
  readonly response: ObservedResponse;
  /** Seconds on the sequence's clock when the entry expires. */
  readonly expiresAt: number;
}

export interface PreflightCacheState {
  readonly entries: readonly PreflightCacheEntry[];
}

export const EMPTY_PREFLIGHT_CACHE: PreflightCacheState = { entries: [] };

export interface CacheKey {
  readonly origin: string;
  readonly url: string;
  readonly credentials: boolean;
}

const sameKey = (e: CacheKey, k: CacheKey): boolean => e.origin === k.origin && e.url === k.url && e.credentials === k.credentials;

/** The fresh entries for this key, newest first. */
export function freshEntries(cache: PreflightCacheState, key: CacheKey, now: number): PreflightCacheEntry[] {
  return cache.entries.filter((e) => sameKey(e, key) && e.expiresAt > now).reverse();
}

export function storeEntry(cache: PreflightCacheState, entry: PreflightCacheEntry): PreflightCacheState {
  return { entries: [...cache.entries.filter((e) => !sameKey(e, entry)), entry] };
}

/** https://fetch.spec.whatwg.org/#concept-cache-clear: every entry for this origin and URL. */
export function clearEntries(cache: PreflightCacheState, origin: string, url: string): PreflightCacheState {
  return { entries: cache.entries.filter((e) => !(e.origin === origin && e.url === url)) };
}

export function hasEntries(cache: PreflightCacheState, origin: string, url: string): boolean {
  return cache.entries.some((e) => e.origin === origin && e.url === url);
}
