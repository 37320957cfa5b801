// Names and tables of the Fetch Standard used by compile, evaluate and lint.
// https://fetch.spec.whatwg.org/#http-cors-protocol

/** Response header names, spelled as they are usually written. */
export const HEADER = {
  allowOrigin: "Access-Control-Allow-Origin",
  allowCredentials: "Access-Control-Allow-Credentials",
  allowMethods: "Access-Control-Allow-Methods",
  allowHeaders: "Access-Control-Allow-Headers",
  maxAge: "Access-Control-Max-Age",
  exposeHeaders: "Access-Control-Expose-Headers",
  allowPrivateNetwork: "Access-Control-Allow-Private-Network",
  vary: "Vary",
} as const;

/** Request header names, as `Vary` lists them. */
export const REQUEST_HEADER = {
  origin: "Origin",
  requestMethod: "Access-Control-Request-Method",
  requestHeaders: "Access-Control-Request-Headers",
  requestPrivateNetwork: "Access-Control-Request-Private-Network",
} as const;

/** https://fetch.spec.whatwg.org/#cors-safelisted-method */
export const SAFELISTED_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "POST"]);

/** https://fetch.spec.whatwg.org/#forbidden-method — browsers refuse to send these. */
export const FORBIDDEN_METHODS: ReadonlySet<string> = new Set(["CONNECT", "TRACE", "TRACK"]);

/**
 * Fetch "normalize a method" (DELETE, GET, HEAD, OPTIONS, POST, PUT uppercased,
 * byte-case-insensitively; any other method kept exactly as written) and the
 * RFC 9110 token: one definition each, in the simulator's modules.
 */
export { normalizeMethod } from "./simulate/method";
export { TOKEN, isToken } from "./simulate/http-bytes";

/**
 * https://fetch.spec.whatwg.org/#forbidden-request-header — scripts can't set
 * these, so listing them in Access-Control-Allow-Headers has no effect.
 */
export const FORBIDDEN_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  "accept-charset",
  "accept-encoding",
  "access-control-request-headers",
  "access-control-request-method",
  "connection",
  "content-length",
  "cookie",
  "cookie2",
  "date",
  "dnt",
  "expect",
  "host",
  "keep-alive",
  "origin",
  "referer",
  "set-cookie",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "via",
]);

/** https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name — always readable. */
export const SAFELISTED_RESPONSE_HEADERS: ReadonlySet<string> = new Set([
  "cache-control",
  "content-language",
  "content-length",
  "content-type",
  "expires",
  "last-modified",
  "pragma",
]);

/** Chromium caps Access-Control-Max-Age at two hours (Firefox at 24 hours). */
export const CHROMIUM_MAX_AGE_CAP = 7200;
