// Byte-level helpers. Header names and values are byte sequences; JavaScript
// strings stand in for them with one code unit per byte (isomorphic decoding).
// https://fetch.spec.whatwg.org/#terminology-headers

/** https://fetch.spec.whatwg.org/#http-tab-or-space */
export function isHttpTabOrSpace(c: string): boolean {
  return c === " " || c === "\t";
}

/** https://fetch.spec.whatwg.org/#http-whitespace */
export function isHttpWhitespace(c: string): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r";
}

/** Removes leading and trailing HTTP tab or space (how HTTP parses a field value). */
export function trimHttpTabOrSpace(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isHttpTabOrSpace(value.charAt(start))) start++;
  while (end > start && isHttpTabOrSpace(value.charAt(end - 1))) end--;
  return value.slice(start, end);
}

/** https://fetch.spec.whatwg.org/#concept-header-value-normalize */
export function normalizeHeaderValue(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isHttpWhitespace(value.charAt(start))) start++;
  while (end > start && isHttpWhitespace(value.charAt(end - 1))) end--;
  return value.slice(start, end);
}

/** https://infra.spec.whatwg.org/#byte-lowercase (ASCII only, unlike `toLowerCase`). */
export function byteLowercase(value: string): string {
  return value.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

/** https://infra.spec.whatwg.org/#byte-uppercase */
export function byteUppercase(value: string): string {
  return value.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 32));
}

/** https://infra.spec.whatwg.org/#byte-case-insensitive */
export function byteCaseInsensitiveEquals(a: string, b: string): boolean {
  return a.length === b.length && byteLowercase(a) === byteLowercase(b);
}

/** RFC 9110 `token` (https://httpwg.org/specs/rfc9110.html#tokens): the one definition, used by the core, the API schemas, the SDK and the tester. */
export const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** RFC 9110 `token`: a method, a header name, a list element of Access-Control-Allow-*. */
export function isToken(value: string): boolean {
  return TOKEN.test(value);
}

/** https://fetch.spec.whatwg.org/#header-value: no NUL, CR or LF, no leading/trailing whitespace. */
export function isHeaderValue(value: string): boolean {
  if (/[\0\r\n]/.test(value)) return false;
  return normalizeHeaderValue(value) === value;
}

/** A JavaScript string that is a ByteString (every code unit ≤ 0xFF). */
export function isByteString(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0xff) return false;
  return true;
}

/** Makes control bytes visible in messages: `a\x00b`. */
export function showBytes(value: string): string {
  return value.replace(/[\x00-\x1f\x7f-\xff]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
