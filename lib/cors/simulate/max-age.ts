// How long a successful preflight is cached, per engine (the cap and the
// parse are data in ./engines.ts).
// https://fetch.spec.whatwg.org/#http-access-control-max-age
// https://fetch.spec.whatwg.org/#cors-preflight-cache

import { ENGINE_PROFILES, engineProfile, type EngineProfile } from "./engines";
import { getHeader, type HeaderList } from "./header-list";

/** The standard's default when the header is absent or invalid. */
export const DEFAULT_MAX_AGE_SECONDS = 5;
/** Chromium's cap (services/network/cors/preflight_result.cc, kMaxTimeout = 2 hours). */
export const CHROMIUM_MAX_AGE_CAP_SECONDS = ENGINE_PROFILES.chromium.maxAgeCapSeconds;

export interface MaxAge {
  /** What the engine uses (0: not cached). */
  readonly seconds: number;
  /** The header's value, or `null`. */
  readonly raw: string | null;
  /** Where the engine and the standard part ways for this value. */
  readonly warning?: string;
  /** The engine rule (./engines.ts) that decided `seconds`, when it is not the standard's reading. */
  readonly departure?: "max-age-cap" | "max-age-parse";
}

/** Chromium parses the value with base::StringToInt64: a value outside int64 is a parse failure. */
const INT64_MAX = 9223372036854775807n;

/**
 * `Access-Control-Max-Age = delta-seconds`; absent or a parse failure means 5
 * seconds, and the user agent may cap it.
 * - Chromium (preflight_result.cc, ParseAccessControlMaxAge → base::StringToInt64)
 *   accepts a leading `+`, reads a negative number as 0 (do not cache); a number
 *   outside int64 fails to parse, so 5.
 * - Firefox (nsCORSListenerProxy.cpp, AddResultToCache) accepts digits only and
 *   does not cache at all when any other character appears.
 * - WebKit (CrossOriginPreflightResultCache.cpp, parseAccessControlMaxAge →
 *   parseInteger<int64_t>) reads it as Chromium does: a sign is accepted, a
 *   negative value expires the entry at once, anything unparsable is 5.
 */
export function preflightMaxAge(list: HeaderList, profile: EngineProfile = engineProfile()): MaxAge {
  const raw = getHeader(list, "Access-Control-Max-Age");
  const name = profile.name;
  if (raw === null) return { seconds: DEFAULT_MAX_AGE_SECONDS, raw };
  const cap = (value: number): MaxAge =>
    value > profile.maxAgeCapSeconds
      ? {
          seconds: profile.maxAgeCapSeconds,
          raw,
          departure: "max-age-cap",
          warning: `${name} caps Access-Control-Max-Age at ${profile.maxAgeCapSeconds} seconds: ${raw} acts as ${profile.maxAgeCapSeconds}.`,
        }
      : { seconds: value, raw };

  if (profile.maxAgeParse === "digits-or-uncached") {
    if (!/^[0-9]+$/.test(raw)) {
      return {
        seconds: 0,
        raw,
        departure: "max-age-parse",
        warning: `${name} does not cache a preflight whose Access-Control-Max-Age (${raw}) is not all digits; the Fetch Standard treats it as invalid and caches for ${DEFAULT_MAX_AGE_SECONDS} seconds.`,
      };
    }
    return cap(Number(BigInt(raw) > BigInt(profile.maxAgeCapSeconds) ? profile.maxAgeCapSeconds + 1 : raw));
  }
  if (profile.maxAgeParse === "delta-seconds") {
    if (!/^[0-9]+$/.test(raw)) return { seconds: DEFAULT_MAX_AGE_SECONDS, raw };
    return cap(Number(BigInt(raw) > BigInt(profile.maxAgeCapSeconds) ? profile.maxAgeCapSeconds + 1 : raw));
  }

  const int64 = /^[+-]?[0-9]+$/.test(raw) ? BigInt(raw) : null;
  if (int64 === null || int64 > INT64_MAX || int64 < -INT64_MAX - 1n) return { seconds: DEFAULT_MAX_AGE_SECONDS, raw };
  if (raw.startsWith("-")) {
    return {
      seconds: 0,
      raw,
      departure: "max-age-parse",
      warning: `${name} reads the negative Access-Control-Max-Age ${raw} as 0 (no caching); the Fetch Standard treats it as invalid and caches for ${DEFAULT_MAX_AGE_SECONDS} seconds.`,
    };
  }
  const value = Number(int64);
  if (value > profile.maxAgeCapSeconds) {
    return { ...cap(value), warning: `${name} caps Access-Control-Max-Age at ${profile.maxAgeCapSeconds} seconds: ${raw} acts as ${profile.maxAgeCapSeconds}. Firefox caps at ${ENGINE_PROFILES.firefox.maxAgeCapSeconds}.` };
  }
  if (raw.startsWith("+")) {
    return {
      seconds: value,
      raw,
      departure: "max-age-parse",
      warning: `${name} reads ${raw} as ${value} seconds; the Fetch Standard allows no sign (delta-seconds) and caches for the default ${DEFAULT_MAX_AGE_SECONDS} seconds.`,
    };
  }
  return { seconds: value, raw };
}
