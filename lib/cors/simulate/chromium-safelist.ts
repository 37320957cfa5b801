// Request headers Chromium treats as CORS-safelisted although the Fetch
// Standard does not: client hints and `Intervention`
// (services/network/public/cpp/cors/cors.cc, IsCorsSafelistedHeader). A page
// can set them with fetch() and Chromium sends no preflight; Firefox and Safari
// do send one.

const DECIMAL = /^[0-9]+(\.[0-9]+)?$/;
const INTEGER = /^[0-9]+$/;
const EFFECTIVE_CONNECTION_TYPES = new Set(["slow-2g", "2g", "3g", "4g"]);

/** Value rule per lowercase name; `null` when Chromium does not safelist the name. */
const RULES: Readonly<Record<string, (value: string) => boolean>> = {
  intervention: () => true,
  "device-memory": (v) => DECIMAL.test(v),
  dpr: (v) => DECIMAL.test(v),
  downlink: (v) => DECIMAL.test(v),
  width: (v) => INTEGER.test(v),
  "viewport-width": (v) => INTEGER.test(v),
  rtt: (v) => INTEGER.test(v),
  ect: (v) => EFFECTIVE_CONNECTION_TYPES.has(v),
  "save-data": (v) => v.toLowerCase() === "on",
};

/**
 * Whether Chromium safelists this header although the standard doesn't.
 * `lowerName` is byte-lowercased; the 128-byte value limit is checked by the
 * caller. (`Sec-CH-*` hints are safelisted too, but a page can't set `Sec-`
 * headers, so they never matter here.)
 */
export function isChromiumOnlySafelisted(lowerName: string, value: string): boolean {
  const rule = Object.hasOwn(RULES, lowerName) ? RULES[lowerName] : undefined;
  return rule !== undefined && rule(value);
}
