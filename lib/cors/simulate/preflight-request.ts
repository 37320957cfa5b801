// The OPTIONS request a browser sends as a CORS preflight.
// https://fetch.spec.whatwg.org/#cors-preflight-fetch steps 1–5.

import { normalizeMethod } from "./method";
import { engineProfile, type Engine } from "./engines";
import { preflightNeed } from "./preflight-needed";
import { buildRequestHeaderList } from "./request-header-list";
import type { PreflightPlan, PreflightRequest, SimulateRequest } from "./types";

export interface PreflightHeaderOptions {
  /**
   * Add `Access-Control-Request-Private-Network: true`, as Private Network
   * Access (a WICG draft) asks. Chromium no longer sends it (Local Network
   * Access replaced it with a permission prompt); servers may still test it.
   */
  readonly privateNetwork?: boolean;
}

export interface PlanPreflightOptions extends PreflightHeaderOptions {
  /** The engine whose CORS-safelist applies (Chromium safelists client hints). Default `"chromium"`. */
  readonly engine?: Engine;
}

/**
 * The headers the CORS protocol puts on a preflight: `Origin`,
 * `Access-Control-Request-Method` (the normalized method) and, when not
 * empty, `Access-Control-Request-Headers` (sorted, lowercase, comma-separated
 * without spaces). Browsers also send `Accept: *\/*` and their usual headers.
 */
export function preflightHeaders(
  origin: string,
  method: string,
  unsafeHeaderNames: readonly string[],
  options: PreflightHeaderOptions = {},
): Record<string, string> {
  const headers: Record<string, string> = {
    Origin: origin,
    "Access-Control-Request-Method": method,
  };
  if (unsafeHeaderNames.length > 0) headers["Access-Control-Request-Headers"] = unsafeHeaderNames.join(",");
  if (options.privateNetwork === true) headers["Access-Control-Request-Private-Network"] = "true";
  return headers;
}

/**
 * Whether a page's request needs a preflight, and the preflight request
 * Chromium would send. Throws a TypeError where fetch() would (an invalid
 * header name or value).
 */
export function planPreflight(
  request: Pick<SimulateRequest, "origin" | "url" | "method" | "headers">,
  options: PlanPreflightOptions = {},
): PreflightPlan {
  const built = buildRequestHeaderList(request.headers);
  if (!built.ok) throw new TypeError(built.message);
  const method = normalizeMethod(request.method ?? "GET");
  const need = preflightNeed(method, built.list, engineProfile(options.engine));
  const names = need.unsafe.names;
  if (!need.required) return { required: false, reasons: [], unsafeHeaderNames: names };
  const preflight: PreflightRequest = {
    method: "OPTIONS",
    url: request.url,
    headers: preflightHeaders(request.origin, method, names, options),
  };
  return { required: true, reasons: need.reasons, unsafeHeaderNames: names, request: preflight };
}

/**
 * The CORS headers of the preflight for this request, whether or not the
 * browser would actually send one (a server-side probe sends them anyway).
 */
export function buildPreflightRequestHeaders(
  request: Pick<SimulateRequest, "origin" | "method" | "headers">,
  options: PreflightHeaderOptions = {},
): Record<string, string> {
  const built = buildRequestHeaderList(request.headers);
  if (!built.ok) throw new TypeError(built.message);
  const method = normalizeMethod(request.method ?? "GET");
  return preflightHeaders(request.origin, method, preflightNeed(method, built.list).unsafe.names, options);
}
