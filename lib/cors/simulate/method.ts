// Request methods as fetch() treats them.
// https://fetch.spec.whatwg.org/#methods

import { byteUppercase, isToken } from "./http-bytes";

const NORMALIZED = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]);
const FORBIDDEN = new Set(["CONNECT", "TRACE", "TRACK"]);
const SAFELISTED = new Set(["GET", "HEAD", "POST"]);

/** https://fetch.spec.whatwg.org/#concept-method — a method is a token. */
export function isMethod(method: string): boolean {
  return isToken(method);
}

/** https://fetch.spec.whatwg.org/#forbidden-method — byte-case-insensitive. */
export function isForbiddenMethod(method: string): boolean {
  return FORBIDDEN.has(byteUppercase(method));
}

/**
 * https://fetch.spec.whatwg.org/#concept-method-normalize — only DELETE, GET,
 * HEAD, OPTIONS, POST and PUT are uppercased: `post` becomes `POST`, but
 * `patch` stays `patch`.
 */
export function normalizeMethod(method: string): string {
  const upper = byteUppercase(method);
  return NORMALIZED.has(upper) ? upper : method;
}

/** https://fetch.spec.whatwg.org/#cors-safelisted-method — GET, HEAD or POST, byte-exact (after normalizing). */
export function isCorsSafelistedMethod(method: string): boolean {
  return SAFELISTED.has(method);
}
