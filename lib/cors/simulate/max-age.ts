// How long a successful preflight is cached.
// https://fetch.spec.whatwg.org/#http-access-control-max-age
// https://fetch.spec.whatwg.org/#cors-preflight-cache

import { getHeader, type HeaderList } from "./header-list";

/** The standard's default when the header is absent or invalid. */
export const DEFAULT_MAX_AGE_SECONDS = 5;
/** Chromium's cap (services/network/cors/preflight_result.cc, kMaxTimeout = 2 hours). */
export const CHROMIUM_MAX_AGE_CAP_SECONDS = 7200;

export interface MaxAge {
  /** What Chromium uses. */
  readonly seconds: number;
  /** The header's value, or `null`. */
  readonly raw: string | null;
  /** Where Chromium and the standard part ways for this value. */
  readonly warning?: string;
}

/** Chromium parses the value with base::StringToInt64: a value outside int64 is a parse failure. */
const INT64_MAX = 9223372036854775807n;

/**
 * `Access-Control-Max-Age = delta-seconds`; absent or a parse failure means 5
 * seconds, and the user agent may cap it. Chromium (preflight_result.cc,
 * ParseAccessControlMaxAge → base::StringToInt64) caps at 7200 seconds, accepts
 * a leading `+`, and, unlike the standard, reads a negative number as 0 (do
 * not cache) instead of falling back to 5; a number outside int64 fails to
 * parse, so 5.
 */
export function preflightMaxAge(list: HeaderList): MaxAge {
  const raw = getHeader(list, "Access-Control-Max-Age");
  if (raw === null) return { seconds: DEFAULT_MAX_AGE_SECONDS, raw };
  const int64 = /^[+-]?[0-9]+$/.test(raw) ? BigInt(raw) : null;
  if (int64 === null || int64 > INT64_MAX || int64 < -INT64_MAX - 1n) return { seconds: DEFAULT_MAX_AGE_SECONDS, raw };
  if (raw.startsWith("-")) {
    return {
      seconds: 0,
      raw,
      warning: `Chromium reads the negative Access-Control-Max-Age ${raw} as 0 (no caching); the Fetch Standard treats it as invalid and caches for ${DEFAULT_MAX_AGE_SECONDS} seconds.`,
    };
  }
  const value = Number(int64);
  if (value > CHROMIUM_MAX_AGE_CAP_SECONDS) {
    return {
      seconds: CHROMIUM_MAX_AGE_CAP_SECONDS,
      raw,
      warning: `Chromium caps Access-Control-Max-Age at ${CHROMIUM_MAX_AGE_CAP_SECONDS} seconds (2 hours): ${raw} acts as ${CHROMIUM_MAX_AGE_CAP_SECONDS}. Firefox caps at 86400.`,
    };
  }
  if (raw.startsWith("+")) {
    return {
      seconds: value,
      raw,
      warning: `Chromium reads ${raw} as ${value} seconds; the Fetch Standard allows no sign (delta-seconds) and caches for the default ${DEFAULT_MAX_AGE_SECONDS} seconds.`,
    };
  }
  return { seconds: value, raw };
}
