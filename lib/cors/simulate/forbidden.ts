// Request headers a page cannot set: fetch() silently drops them.
// https://fetch.spec.whatwg.org/#forbidden-request-header

import { FORBIDDEN_REQUEST_HEADERS } from "../fetch-constants";
import { byteLowercase } from "./http-bytes";
import { splitHeaderValue } from "./header-list";
import { isForbiddenMethod } from "./method";

// One list for the core: the lints and the simulator must agree on what a page can't set.
const SPEC_FORBIDDEN = FORBIDDEN_REQUEST_HEADERS;

/**
 * Names Chromium forbids although the Fetch Standard does not (Chromium's
 * net::HttpUtil::IsSafeHeader): `User-Agent`, which the standard allowed again
 * (crbug.com/571722). Verified against Chromium 156: the page's value never
 * reaches the server and no preflight is sent for it.
 */
const CHROMIUM_ONLY_FORBIDDEN = new Set(["user-agent"]);

const METHOD_OVERRIDE = new Set(["x-http-method", "x-http-method-override", "x-method-override"]);

export interface ForbiddenVerdict {
  readonly forbidden: boolean;
  /** Forbidden by Chromium only; the Fetch Standard would let the page send it. */
  readonly chromiumOnly: boolean;
  readonly reason?: string;
}

/**
 * https://fetch.spec.whatwg.org/#forbidden-request-header, as Chromium applies
 * it (its list has one more name; see `CHROMIUM_ONLY_FORBIDDEN`).
 */
export function forbiddenRequestHeader(name: string, value: string): ForbiddenVerdict {
  const lower = byteLowercase(name);
  if (SPEC_FORBIDDEN.has(lower)) return { forbidden: true, chromiumOnly: false, reason: "is a forbidden request header" };
  if (lower.startsWith("proxy-") || lower.startsWith("sec-")) {
    return { forbidden: true, chromiumOnly: false, reason: `starts with \`${lower.slice(0, lower.indexOf("-") + 1)}\`` };
  }
  if (METHOD_OVERRIDE.has(lower)) {
    const method = splitHeaderValue(value).find(isForbiddenMethod);
    if (method !== undefined) {
      return { forbidden: true, chromiumOnly: false, reason: `overrides the method with the forbidden method ${method}` };
    }
  }
  if (CHROMIUM_ONLY_FORBIDDEN.has(lower)) {
    return { forbidden: true, chromiumOnly: true, reason: "is forbidden in Chromium (not in the Fetch Standard)" };
  }
  return { forbidden: false, chromiumOnly: false };
}
