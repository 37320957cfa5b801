// What the browser checks on the preflight response before it sends the
// actual request.
// https://fetch.spec.whatwg.org/#cors-preflight-fetch steps 6–8.

import { corsCheck, type CorsCheckFailure } from "./cors-check";
import { ENGINE_PROFILES, engineProfile, type EngineProfile, type EngineRule } from "./engines";
import { extractTokenList, getHeader, toHeaderList, type HeaderList } from "./header-list";
import { byteCaseInsensitiveEquals, byteLowercase } from "./http-bytes";
import { preflightMaxAge } from "./max-age";
import { isCorsSafelistedMethod } from "./method";
import { SPEC } from "./spec-links";
import type { CredentialsMode, ObservedResponse, SimulationStep } from "./types";

export interface PreflightCheckInput {
  readonly response: ObservedResponse | undefined;
  /** The actual request's normalized method. */
  readonly method: string;
  /** The actual request's header list (all names, for the Authorization rule). */
  readonly requestHeaders: HeaderList;
  /** Its CORS-unsafe request-header names (sorted, lowercase). */
  readonly unsafeHeaderNames: readonly string[];
  readonly credentials: CredentialsMode;
  readonly serializedOrigin: string;
  readonly idPrefix: string;
  /** The engine whose departures from the standard apply (default Chromium). */
  readonly profile?: EngineProfile;
}

export interface PreflightCheckResult {
  readonly steps: readonly SimulationStep[];
  readonly failure?: CorsCheckFailure;
  readonly maxAgeSeconds?: number;
  readonly warnings: readonly string[];
  /** Engine rules (./engines.ts) that decided part of this result. */
  readonly departures?: readonly EngineRule[];
}

const MIN_MAX_AGE_CAP = Math.min(...Object.values(ENGINE_PROFILES).map((p) => p.maxAgeCapSeconds));

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** https://fetch.spec.whatwg.org/#redirect-status */
export function isRedirectStatus(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/** https://fetch.spec.whatwg.org/#ok-status */
export function isOkStatus(status: number): boolean {
  return status >= 200 && status <= 299;
}

/**
 * A preflight refused with 401 and no CORS headers is the classic "looks
 * like an auth failure": the auth middleware answered OPTIONS before CORS
 * could. Browsers never attach credentials to a preflight (Fetch, "CORS-
 * preflight fetch": the preflight request keeps the default credentials mode
 * "same-origin", so a cross-origin preflight carries no cookies, and the
 * page's Authorization header is never copied onto it), so the fix is the
 * order of middleware, and the user needs to hear that, not only "add the
 * header".
 */
function withStatusHint(failure: CorsCheckFailure, status: number): CorsCheckFailure {
  // 403 without CORS headers is also how CORS layers (Corsboard's SDK
  // included) refuse an origin, so only 401 — "who are you?" — points at auth.
  if (isOkStatus(status) || status === 403) return failure;
  const hint =
    status === 401
      ? ` The preflight was answered 401: authentication ran before CORS. Browsers never send cookies or Authorization on a preflight, so answer OPTIONS (with these headers and a 2xx status) before the auth check.`
      : ` The preflight was also answered ${status}; it needs a 2xx status (204 is typical).`;
  return { ...failure, fix: failure.fix + hint };
}

export function checkPreflight(input: PreflightCheckInput): PreflightCheckResult {
  const { response, method, credentials, idPrefix } = input;
  const steps: SimulationStep[] = [];
  const include = credentials === "include";
  const stop = (failure: CorsCheckFailure): PreflightCheckResult => ({ steps, failure, warnings: [] });

  if (response === undefined) {
    const message = "No response to the preflight was observed (a network error, or the server never answered OPTIONS).";
    steps.push({ id: `${idPrefix}-response`, title: "Preflight response", outcome: "fail", detail: message, spec: SPEC.preflightFetch });
    return stop({ rule: "preflight-no-response", message, fix: "Make the server answer OPTIONS requests to this URL." });
  }
  const list = toHeaderList(response.headers);
  const location = getHeader(list, "Location");

  // The preflight is fetched without following redirects; a redirect is never an ok status.
  if (isRedirectStatus(response.status) && location !== null) {
    const message = `The preflight was answered with a ${response.status} redirect to ${location}; browsers never follow redirects of a preflight.`;
    steps.push({
      id: `${idPrefix}-status`,
      title: "Preflight status",
      outcome: "fail",
      detail: message,
      spec: SPEC.preflightFetch,
      values: { Location: location },
    });
    return stop({
      rule: "preflight-redirect",
      message,
      fix: "Answer the OPTIONS preflight at the request URL itself with a 2xx status (204 is typical), without redirecting.",
    });
  }

  // 7. If a CORS check for request and response returns success and response's status is an ok status…
  // (Chromium runs the CORS check first and reports its error before the status.)
  const check = corsCheck({
    list,
    serializedOrigin: input.serializedOrigin,
    credentials,
    what: "preflight",
    idPrefix,
  });
  steps.push(...check.steps);
  if (check.failure !== undefined) return stop(withStatusHint(check.failure, response.status));

  if (!isOkStatus(response.status)) {
    const message = `The preflight response has status ${response.status}; a preflight needs an ok status (200–299).`;
    steps.push({ id: `${idPrefix}-status`, title: "Preflight status", outcome: "fail", detail: message, spec: SPEC.okStatus });
    return stop({
      rule: "preflight-status",
      message,
      fix: `Answer the OPTIONS preflight with a 2xx status (204 is typical) instead of ${response.status}.`,
    });
  }
  steps.push({
    id: `${idPrefix}-status`,
    title: "Preflight status",
    outcome: "pass",
    detail: `${response.status} is an ok status.`,
    spec: SPEC.okStatus,
  });

  // 7.1–7.3. Extract Access-Control-Allow-Methods and -Headers; failure is a network error.
  const methods = extractTokenList(list, "Access-Control-Allow-Methods");
  if (methods.kind === "invalid") {
    const message = `Access-Control-Allow-Methods ${JSON.stringify(methods.raw)} does not parse: ${JSON.stringify(methods.offending)} is not a method token.`;
    steps.push({
      id: `${idPrefix}-allow-methods`,
      title: "Access-Control-Allow-Methods",
      outcome: "fail",
      detail: message,
      spec: SPEC.allowMethods,
      values: { "Access-Control-Allow-Methods": methods.raw },
    });
    return stop({ rule: "allow-methods-invalid", message, fix: "Make Access-Control-Allow-Methods a comma-separated list of method names." });
  }
  const headerNames = extractTokenList(list, "Access-Control-Allow-Headers");
  if (headerNames.kind === "invalid") {
    const message = `Access-Control-Allow-Headers ${JSON.stringify(headerNames.raw)} does not parse: ${JSON.stringify(headerNames.offending)} is not a header name.`;
    steps.push({
      id: `${idPrefix}-allow-headers`,
      title: "Access-Control-Allow-Headers",
      outcome: "fail",
      detail: message,
      spec: SPEC.allowHeaders,
      values: { "Access-Control-Allow-Headers": headerNames.raw },
    });
    return stop({ rule: "allow-headers-invalid", message, fix: "Make Access-Control-Allow-Headers a comma-separated list of header names." });
  }

  // 7.5. Method: in methods (byte-exact), CORS-safelisted, or `*` when not credentialed.
  const methodItems = methods.kind === "list" ? methods.items : [];
  const methodValues = methods.kind === "list" ? { "Access-Control-Allow-Methods": methods.raw } : undefined;
  const methodStep = (outcome: "pass" | "fail", detail: string): SimulationStep => ({
    id: `${idPrefix}-allow-methods`,
    title: `Method ${method} allowed by the preflight`,
    outcome,
    detail,
    spec: SPEC.preflightFetch,
    ...(methodValues === undefined ? {} : { values: methodValues }),
  });
  if (methodItems.includes(method)) {
    steps.push(methodStep("pass", `${method} is listed in Access-Control-Allow-Methods.`));
  } else if (isCorsSafelistedMethod(method)) {
    steps.push(methodStep("pass", `${method} is CORS-safelisted: it needs no Access-Control-Allow-Methods entry.`));
  } else if (!include && methodItems.includes("*")) {
    steps.push(methodStep("pass", "`*` allows any method because the request carries no credentials."));
  } else {
    const caseVariant = methodItems.find((m) => byteCaseInsensitiveEquals(m, method));
    const hint =
      caseVariant !== undefined
        ? ` Methods are compared byte-for-byte: ${caseVariant} is not ${method} (fetch() uppercases only DELETE, GET, HEAD, OPTIONS, POST and PUT).`
        : include && methodItems.includes("*")
          ? ' `*` is a literal method name, not a wildcard, when the credentials mode is "include".'
          : "";
    const message = `The preflight does not allow the method ${method}${methods.kind === "absent" ? " (no Access-Control-Allow-Methods header)" : ` (Access-Control-Allow-Methods: ${methods.raw})`}.${hint}`;
    steps.push(methodStep("fail", message));
    const fix =
      caseVariant !== undefined
        ? `Add ${method} exactly as the page spells it to Access-Control-Allow-Methods (or make the page send ${method.toUpperCase()}).`
        : `Add ${method} to Access-Control-Allow-Methods.`;
    return stop({ rule: "method-not-allowed", message, fix });
  }

  // 7.6–7.7. Headers: byte-case-insensitive; `*` only without credentials (and, per the standard, never for Authorization).
  const allowed = new Set((headerNames.kind === "list" ? headerNames.items : []).map(byteLowercase));
  const headerValues = headerNames.kind === "list" ? { "Access-Control-Allow-Headers": headerNames.raw } : undefined;
  const headersStep = (outcome: "pass" | "fail" | "skip", detail: string): SimulationStep => ({
    id: `${idPrefix}-allow-headers`,
    title: "Request headers allowed by the preflight",
    outcome,
    detail,
    spec: SPEC.preflightFetch,
    ...(headerValues === undefined ? {} : { values: headerValues }),
  });
  const profile = input.profile ?? engineProfile();
  const departures: EngineRule[] = [];
  const wildcard = !include && allowed.has("*");
  const warnings: string[] = [];
  const sendsAuthorization = input.requestHeaders.some((h) => byteLowercase(h.name) === "authorization");
  const authorizationByWildcard = wildcard && sendsAuthorization && !allowed.has("authorization");
  if (authorizationByWildcard) {
    // The standard: Authorization is a CORS non-wildcard request-header name, never covered by `*`.
    // Chromium 156 and Firefox 153 (pref network.cors_preflight.authorization_covered_by_wildcard) still let `*` cover it.
    departures.push("authorization-wildcard");
    if (profile.authorizationCoveredByWildcard) {
      warnings.push(
        `${profile.name} lets \`Access-Control-Allow-Headers: *\` cover Authorization, so this request passes in ${profile.name}; the Fetch Standard does not (Authorization is a CORS non-wildcard request-header name) and browsers that follow it block the request. List Authorization explicitly in Access-Control-Allow-Headers.`,
      );
    }
  }
  const coveredByWildcard = (name: string): boolean => wildcard && (name !== "authorization" || profile.authorizationCoveredByWildcard);
  const missing = input.unsafeHeaderNames.filter((name) => !allowed.has(name) && !coveredByWildcard(name));
  const first = missing[0];
  if (first !== undefined) {
    const pretty = missing.map(prettyHeaderName);
    const hint =
      include && allowed.has("*")
        ? ' `*` is a literal header name, not a wildcard, when the credentials mode is "include".'
        : authorizationByWildcard && missing.includes("authorization")
          ? ` \`*\` does not cover Authorization in ${profile.name} (the Fetch Standard: Authorization must be listed explicitly).`
          : "";
    const message = `The preflight does not allow the request header${missing.length > 1 ? "s" : ""} ${missing.join(", ")}${headerNames.kind === "absent" ? " (no Access-Control-Allow-Headers header)" : ` (Access-Control-Allow-Headers: ${headerNames.raw})`}.${hint}`;
    steps.push(headersStep("fail", message));
    return { ...stop({ rule: "header-not-allowed", message, fix: `Add ${pretty.join(", ")} to Access-Control-Allow-Headers.` }), departures };
  }
  steps.push(
    input.unsafeHeaderNames.length === 0
      ? headersStep("skip", "The request has no CORS-unsafe headers to allow.")
      : headersStep(
          "pass",
          wildcard
            ? `\`*\` allows ${input.unsafeHeaderNames.join(", ")} because the request carries no credentials.`
            : `${input.unsafeHeaderNames.join(", ")} ${input.unsafeHeaderNames.length > 1 ? "are" : "is"} listed (case-insensitively).`,
        ),
  );

  // 7.8–7.10. Cache the result.
  const maxAge = preflightMaxAge(list, profile);
  // Relevant whenever the engines would read this value differently (see ENGINE_DEPARTURES).
  if (maxAge.raw !== null) {
    if (!/^[0-9]+$/.test(maxAge.raw)) departures.push("max-age-parse");
    else if (Number(maxAge.raw) > MIN_MAX_AGE_CAP) departures.push("max-age-cap");
  }
  steps.push({
    id: `${idPrefix}-cache`,
    title: "Preflight cache",
    outcome: "pass",
    detail:
      maxAge.raw === null
        ? `No Access-Control-Max-Age: cached for the default ${maxAge.seconds} seconds.`
        : maxAge.seconds === 0
          ? `${profile.name} does not cache this preflight.`
          : `${profile.name} caches this preflight for ${maxAge.seconds} seconds.`,
    spec: SPEC.preflightCache,
    ...(maxAge.raw === null ? {} : { values: { "Access-Control-Max-Age": maxAge.raw } }),
  });
  if (maxAge.warning !== undefined) warnings.push(maxAge.warning);
  return { steps, maxAgeSeconds: maxAge.seconds, warnings, departures };
}

/** `content-type` → `Content-Type`, for fixes people copy into configuration. */
function prettyHeaderName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}
