// What the browser does with a redirect response to a CORS request (after the
// redirect itself passed the CORS check).
// https://fetch.spec.whatwg.org/#http-redirect-fetch

import { badPortFailure, badPortOf } from "./bad-port";
import { countHeader, getHeader, type Header, type HeaderList } from "./header-list";
import { byteLowercase } from "./http-bytes";
import { isRedirectStatus } from "./preflight-check";
import { isSameOrigin, urlOrigin } from "./url-origin";
import type { FailureRule, ObservedResponse } from "./types";

export const REDIRECT_LIMIT = 20;

/** https://fetch.spec.whatwg.org/#request-body-header-name */
const REQUEST_BODY_HEADER_NAMES = new Set(["content-encoding", "content-language", "content-location", "content-type"]);

export interface RedirectState {
  /** The page's serialized origin (`"null"` if opaque). */
  readonly origin: string;
  readonly currentUrl: string;
  readonly method: string;
  readonly list: HeaderList;
  readonly tainted: boolean;
  readonly redirectCount: number;
  /** https://fetch.spec.whatwg.org/#concept-request-response-tainting — `true` once the request went cross-origin. */
  readonly corsTainting: boolean;
}

export type RedirectOutcome =
  | { readonly kind: "final" }
  | { readonly kind: "error"; readonly rule: FailureRule; readonly message: string; readonly fix: string; readonly location?: string }
  | { readonly kind: "follow"; readonly next: RedirectState; readonly notes: readonly string[] };

export function followRedirect(state: RedirectState, response: ObservedResponse, list: HeaderList): RedirectOutcome {
  if (!isRedirectStatus(response.status)) return { kind: "final" };
  // https://fetch.spec.whatwg.org/#concept-response-location-url
  const raw = getHeader(list, "Location");
  // No Location: the redirect response itself is the response (fetch() resolves with it).
  if (raw === null) return { kind: "final" };
  if (countHeader(list, "Location") > 1) {
    return {
      kind: "error",
      rule: "redirect-location-invalid",
      message: `The ${response.status} response sends Location more than once (${JSON.stringify(raw)}).`,
      fix: "Send a single Location header.",
      location: raw,
    };
  }
  let location: URL;
  try {
    location = new URL(raw, state.currentUrl);
  } catch {
    return {
      kind: "error",
      rule: "redirect-location-invalid",
      message: `Location ${JSON.stringify(raw)} is not a valid URL.`,
      fix: "Send an absolute http(s) URL in Location.",
      location: raw,
    };
  }
  const href = location.href;
  if (location.protocol !== "http:" && location.protocol !== "https:") {
    return {
      kind: "error",
      rule: "redirect-scheme",
      message: `The redirect goes to ${href}; fetch() only follows redirects to http: and https: URLs.`,
      fix: "Redirect to an http(s) URL.",
      location: href,
    };
  }
  if (state.redirectCount >= REDIRECT_LIMIT) {
    return {
      kind: "error",
      rule: "redirect-limit",
      message: `More than ${REDIRECT_LIMIT} redirects.`,
      fix: "Break the redirect loop.",
      location: href,
    };
  }
  const currentOrigin = urlOrigin(state.currentUrl);
  const locationOrigin = location.origin;
  const includesCredentials = location.username !== "" || location.password !== "";
  if (includesCredentials && (state.corsTainting || !isSameOrigin(state.origin, locationOrigin))) {
    // "If request's mode is "cors", locationURL includes credentials, and request's origin is not same
    // origin with locationURL's origin" and "If request's response tainting is "cors" and locationURL
    // includes credentials", return a network error.
    return {
      kind: "error",
      rule: "redirect-credentials-in-url",
      message: `The redirect goes to a URL with credentials (${href}); CORS requests never follow those.`,
      fix: "Remove the user name and password from the Location URL.",
      location: href,
    };
  }
  // Following the redirect re-enters main fetch, whose port blocking applies to the new URL too.
  const badPort = badPortOf(location);
  if (badPort !== null) return { kind: "error", rule: "bad-port", ...badPortFailure(location, badPort), location: href };
  const notes: string[] = [];
  let tainted = state.tainted;
  if (locationOrigin !== currentOrigin && !isSameOrigin(state.origin, currentOrigin)) {
    if (!tainted) {
      notes.push(
        `The redirect goes from ${currentOrigin} to another origin (${locationOrigin}) after the request already left the page's origin: its origin is now tainted and the browser sends Origin: null from here on.`,
      );
    }
    tainted = true;
  }
  let method = state.method;
  let headers: Header[] = [...state.list];
  if (((response.status === 301 || response.status === 302) && method === "POST") || (response.status === 303 && method !== "GET" && method !== "HEAD")) {
    notes.push(`A ${response.status} turns ${method} into GET without a body (and drops Content-Type and the other request-body headers).`);
    method = "GET";
    headers = headers.filter((h) => !REQUEST_BODY_HEADER_NAMES.has(byteLowercase(h.name)));
  }
  if (locationOrigin !== currentOrigin && headers.some((h) => byteLowercase(h.name) === "authorization")) {
    notes.push("The redirect crosses origins, so the browser removes the Authorization header.");
    headers = headers.filter((h) => byteLowercase(h.name) !== "authorization");
  }
  return {
    kind: "follow",
    notes,
    next: { origin: state.origin, currentUrl: href, method, list: headers, tainted, redirectCount: state.redirectCount + 1, corsTainting: state.corsTainting },
  };
}
