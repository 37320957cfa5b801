// Whether a Range request header value is simple enough to be safelisted.
// https://fetch.spec.whatwg.org/#simple-range-header-value

/**
 * https://fetch.spec.whatwg.org/#simple-range-header-value — `bytes=<start>-`
 * or `bytes=<start>-<end>` (with start ≤ end), one range, no whitespace, and
 * `bytes` in lowercase ("If data does not start with "bytes", return failure";
 * Chromium agrees: `BYTES=0-1` gets a preflight). A suffix range
 * (`bytes=-500`) parses but is not safelisted.
 */
export function isSafelistedRange(value: string): boolean {
  const match = /^bytes=([0-9]*)-([0-9]*)$/.exec(value);
  if (match === null) return false;
  const start = match[1] ?? "";
  const end = match[2] ?? "";
  // "If rangeStart is the empty string and rangeEnd is the empty string, return failure."
  if (start === "") return false; // a suffix range, or nothing at all
  if (end !== "" && BigInt(start) > BigInt(end)) return false;
  return true;
}
