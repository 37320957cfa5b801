// The essence (`type/subtype`) of a Content-Type request header value, as the
// MIME Sniffing Standard parses it (what the Fetch Standard asks). Chromium
// (net::ExtractMimeTypeFromMediaType) agreed on every value the differential
// suite tried, e.g. `text / plain` and `text/plain, application/json` fail in
// both.

import { byteLowercase, isHttpWhitespace, isToken } from "./http-bytes";

/**
 * https://mimesniff.spec.whatwg.org/#parse-a-mime-type — only what decides the
 * essence: parameters never make parsing fail. Returns the lowercase essence,
 * or `null` on failure.
 */
export function mimeEssence(input: string): string | null {
  let value = input;
  let start = 0;
  let end = value.length;
  while (start < end && isHttpWhitespace(value.charAt(start))) start++;
  while (end > start && isHttpWhitespace(value.charAt(end - 1))) end--;
  value = value.slice(start, end);

  const slash = value.indexOf("/");
  if (slash < 0) return null;
  const type = value.slice(0, slash);
  if (!isToken(type)) return null;

  const semicolon = value.indexOf(";", slash + 1);
  let subtype = value.slice(slash + 1, semicolon < 0 ? value.length : semicolon);
  let subtypeEnd = subtype.length;
  while (subtypeEnd > 0 && isHttpWhitespace(subtype.charAt(subtypeEnd - 1))) subtypeEnd--;
  subtype = subtype.slice(0, subtypeEnd);
  if (!isToken(subtype)) return null;

  return `${byteLowercase(type)}/${byteLowercase(subtype)}`;
}
