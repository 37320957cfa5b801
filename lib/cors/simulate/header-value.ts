// Header values as fetch() takes them: https://fetch.spec.whatwg.org/#dom-headers-append
// A page's `new Headers(…)` / `fetch(url, {headers})` first converts the value
// to a ByteString (TypeError on a code point above U+00FF), then normalizes it
// (strips leading and trailing HTTP whitespace), then refuses it unless it is
// a header value (no NUL, CR or LF left inside).

import { normalizeHeaderValue } from "./http-bytes";

export type HeaderValueCheck = { ok: true; value: string } | { ok: false; message: string };

/**
 * The value fetch() would send for header `name`, or why fetch() throws for
 * it — in words naming the header and the fix.
 */
export function checkHeaderValue(name: string, value: string): HeaderValueCheck {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code > 0xff) {
      const char = String.fromCodePoint(value.codePointAt(i) ?? code);
      const hex = (value.codePointAt(i) ?? code).toString(16).toUpperCase().padStart(4, "0");
      return {
        ok: false,
        message: `The value of ${name} contains "${char}" (U+${hex}): header values are bytes, and fetch() refuses characters above U+00FF. Percent-encode it or use ASCII.`,
      };
    }
  }
  const normalized = normalizeHeaderValue(value);
  if (normalized.includes("\0")) return { ok: false, message: `The value of ${name} contains a NUL character (U+0000): fetch() refuses it. Remove it.` };
  if (/[\r\n]/.test(normalized)) {
    return { ok: false, message: `The value of ${name} contains a line break (CR or LF): fetch() refuses it, as it would start another header. Put the value on one line.` };
  }
  return { ok: true, value: normalized };
}

