// The browser's whole decision for one fetch(): build the request, decide on
// a preflight, check the preflight, check the actual response, follow
// redirects. Models today's Chromium; where it departs from the Fetch
// Standard, the result carries a warning.
// https://fetch.spec.whatwg.org/#main-fetch
// https://fetch.spec.whatwg.org/#http-fetch

import { badPortFailure, badPortOf } from "./bad-port";
import { corsCheck } from "./cors-check";
import { isChromiumOnlySafelisted } from "./chromium-safelist";
import { engineProfile, type EngineProfile, type EngineRule } from "./engines";
import { toHeaderList } from "./header-list";
import { byteLowercase } from "./http-bytes";
import { clearEntries, EMPTY_PREFLIGHT_CACHE, freshEntries, hasEntries, storeEntry, type PreflightCacheState } from "./preflight-cache";
import { showBytes } from "./http-bytes";
import { checkLocalNetwork } from "./local-network";
import { isForbiddenMethod, isMethod, normalizeMethod } from "./method";
import { checkPreflight } from "./preflight-check";
import { preflightNeed } from "./preflight-needed";
import { preflightHeaders } from "./preflight-request";
import { checkRequestUrl } from "../request-target";
import { followRedirect, type RedirectState } from "./redirect";
import { buildRequestHeaderList } from "./request-header-list";
import { SPEC } from "./spec-links";
import { isSameOrigin, urlOrigin } from "./url-origin";
import type {
  NextRequest,
  ObservedHop,
  ObservedResponse,
  ObservedResponses,
  PreflightRequest,
  SimulateOptions,
  SimulateRequest,
  SimulationFailure,
  SimulationResult,
  SimulationStep,
  Stage,
} from "./types";

interface Trace {
  readonly steps: SimulationStep[];
  readonly warnings: string[];
  preflight: { required: boolean; request?: PreflightRequest; maxAgeSeconds?: number; fromCache?: boolean };
  readonly departures: EngineRule[];
  cache: PreflightCacheState;
}

export function simulate(requestInput: SimulateRequest, responsesInput: ObservedResponses, options: SimulateOptions = {}): SimulationResult {
  // fetch()'s defaults for what a JavaScript caller leaves out: GET, no headers, credentials "same-origin".
  const request: SimulateRequest = {
    ...requestInput,
    method: requestInput.method ?? "GET",
    headers: requestInput.headers ?? {},
    credentials: requestInput.credentials ?? "same-origin",
  };
  const responses: ObservedResponses = responsesInput ?? {};
  const profile = engineProfile(options.engine);
  const now = options.now ?? 0;
  const trace: Trace = { steps: [], warnings: [], preflight: { required: false }, departures: [], cache: options.cache ?? EMPTY_PREFLIGHT_CACHE };
  const common = () => ({ engine: profile.id, departures: dedupe(trace.departures), cache: trace.cache });
  const blocked = (stage: Stage, failure: SimulationFailure): SimulationResult => ({
    verdict: "blocked",
    stage,
    preflight: trace.preflight,
    steps: trace.steps,
    failure,
    warnings: dedupe(trace.warnings),
    ...common(),
  });
  const allowed = (): SimulationResult => ({
    verdict: "allowed",
    preflight: trace.preflight,
    steps: trace.steps,
    warnings: dedupe(trace.warnings),
    ...common(),
  });
  // https://fetch.spec.whatwg.org/#concept-cache-clear — after a failed preflight or response: Firefox clears
  // the URL's cached preflights; Chromium keeps them (./engines.ts, "preflight-cache-after-failure").
  const clearCacheAfterFailure = (origin: string, url: string, prefix: string): void => {
    if (!hasEntries(trace.cache, origin, url)) return;
    trace.departures.push("preflight-cache-after-failure");
    if (profile.dropsPreflightCacheOnFailure) {
      trace.cache = clearEntries(trace.cache, origin, url);
      trace.steps.push({
        id: `${prefix}preflight-cache-clear`,
        title: "Preflight cache",
        outcome: "pass",
        detail: `${profile.name} drops the cached preflight for ${url}: the next request sends a new preflight.`,
        spec: "https://fetch.spec.whatwg.org/#concept-cache-clear",
      });
    } else {
      trace.warnings.push(
        `${profile.name} keeps the cached preflight for ${url} after this failure (the Fetch Standard clears it): the next request within its max-age sends no preflight.`,
      );
    }
  };
  // Failures before anything is sent: fetch() rejects without network I/O, reported as stage "preflight".
  const rejected = (id: string, title: string, spec: string, failure: SimulationFailure): SimulationResult => {
    trace.steps.push({ id, title, outcome: "fail", detail: failure.message, spec });
    return blocked("preflight", failure);
  };

  // The URL (./request-target.ts): fetch() rejects URLs it cannot parse or with credentials (a TypeError from
  // new Request(), so credentials win over the scheme), and fails URLs that are not http(s) with a network error.
  const checkedUrl = checkRequestUrl(request.url);
  if (!checkedUrl.ok) {
    const withCredentials = checkedUrl.problem === "userinfo" || (checkedUrl.problem === "scheme" && checkedUrl.userinfo);
    return rejected("request-url", "Request URL", SPEC.mainFetch, {
      rule: "invalid-url",
      message:
        checkedUrl.problem === "not-absolute"
          ? `${JSON.stringify(request.url)} is not an absolute URL.`
          : withCredentials
            ? `${checkedUrl.href} includes credentials: fetch() throws a TypeError.`
            : `${checkedUrl.href} is not an http(s) URL: CORS requests only go to http: and https: URLs.`,
      fix: checkedUrl.problem === "not-absolute" ? "Use an absolute http(s) URL." : "Use an http(s) URL without a user name or password.",
    });
  }
  const url = checkedUrl.url;

  // The method: a token, not forbidden, normalized.
  if (!isMethod(request.method)) {
    return rejected("request-method", "Request method", SPEC.method, {
      rule: "invalid-method",
      message: `${JSON.stringify(showBytes(request.method))} is not a valid method: fetch() throws a TypeError.`,
      fix: "Use a method name made of token characters, e.g. PUT.",
    });
  }
  if (isForbiddenMethod(request.method)) {
    return rejected("request-method", "Request method", SPEC.forbiddenMethod, {
      rule: "forbidden-method",
      message: `${request.method} is a forbidden method: fetch() throws a TypeError and nothing is sent.`,
      fix: "Use another method; browsers never send CONNECT, TRACE or TRACK.",
    });
  }
  const method = normalizeMethod(request.method);
  trace.steps.push({
    id: "request-method",
    title: "Request method",
    outcome: "pass",
    detail:
      method === request.method
        ? `Sent as ${method}.${method !== method.toUpperCase() ? " Only DELETE, GET, HEAD, OPTIONS, POST and PUT are uppercased; this method is sent as written and compared byte-for-byte." : ""}`
        : `Normalized from ${request.method} to ${method}.`,
    spec: SPEC.methodNormalize,
  });

  // The header list fetch() builds.
  // Engine rules this request's headers touch (whatever this engine does with them).
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = byteLowercase(name);
    if (lower === "user-agent") trace.departures.push("user-agent-forbidden");
    if (isChromiumOnlySafelisted(lower, typeof value === "string" ? value.trim() : String(value))) trace.departures.push("client-hints-safelisted");
  }
  const built = buildRequestHeaderList(request.headers, profile);
  if (!built.ok) {
    return rejected("request-headers", "Request headers", SPEC.headerValidate, {
      rule: built.rule,
      message: built.message,
      fix: "Send only valid header names and values (no control characters).",
    });
  }
  for (const d of built.dropped) {
    trace.warnings.push(
      d.chromiumOnly
        ? `Chromium silently drops ${d.name} (${d.reason}); the Fetch Standard would send it and ask for it in the preflight.`
        : `The browser silently drops ${d.name}: ${d.reason}.`,
    );
  }
  trace.steps.push({
    id: "request-headers",
    title: "Request headers",
    outcome: "pass",
    detail:
      (built.dropped.length === 0 ? "" : `Dropped: ${built.dropped.map((d) => d.name).join(", ")}. `) +
      `Sent: ${built.list.map((h) => h.name).join(", ")}${built.acceptAdded ? " (Accept: */* added by the browser)" : ""}.`,
    spec: SPEC.forbiddenRequestHeader,
    values: Object.fromEntries(built.list.map((h) => [h.name, h.value])),
  });

  // Main fetch, before any connection: a bad port is a network error (nothing is sent).
  const badPort = badPortOf(url);
  if (badPort !== null) {
    return rejected("request-port", "Request port", SPEC.portBlocking, { rule: "bad-port", ...badPortFailure(url, badPort) });
  }

  if (options.addressSpace !== undefined && options.addressSpace.initiator === "public" && options.addressSpace.target !== "public") {
    trace.departures.push("local-network-access");
  }
  if (options.addressSpace !== undefined && profile.localNetworkAccess) {
    const lna = checkLocalNetwork(request.origin, options.addressSpace);
    trace.steps.push(lna.step);
    if (lna.warning !== undefined) trace.warnings.push(lna.warning);
    if (lna.failure !== undefined) return blocked("preflight", lna.failure);
  }

  const hops: readonly (ObservedHop | undefined)[] = [responses, ...(responses.redirects ?? [])];
  let state: RedirectState = {
    origin: request.origin,
    currentUrl: url.href,
    method,
    list: built.list,
    tainted: false,
    redirectCount: 0,
    corsTainting: false,
  };

  // Whether an earlier hop of this fetch was preflighted (Firefox then preflights every later cross-origin hop).
  let preflighted = false;
  for (let i = 0; ; i++) {
    const hop = hops[i];
    const prefix = i === 0 ? "" : `redirect-${i}/`;
    if (hop === undefined && i > 0) {
      trace.warnings.push(
        `The browser follows the redirect to ${state.currentUrl}; no response for it was supplied, so the verdict covers only the responses before it.`,
      );
      return { ...allowed(), next: nextRequest(i, state, profile, preflighted) };
    }
    const sameOrigin = !state.corsTainting && isSameOrigin(state.origin, urlOrigin(state.currentUrl));
    const serializedOrigin = state.tainted ? "null" : state.origin;

    if (sameOrigin) {
      trace.steps.push({
        id: `${prefix}cors-request`,
        title: "CORS applies?",
        outcome: "skip",
        detail: `${state.currentUrl} is same-origin with the page: no CORS checks, no preflight.`,
        spec: SPEC.mainFetch,
      });
    } else {
      state = { ...state, corsTainting: true };
      trace.steps.push({
        id: `${prefix}cors-request`,
        title: "CORS applies?",
        outcome: "pass",
        detail: `${state.currentUrl} is cross-origin for ${serializedOrigin}: a CORS request with Origin: ${serializedOrigin}.`,
        spec: SPEC.mainFetch,
      });

      const ownNeed = preflightNeed(state.method, state.list, profile);
      for (const difference of ownNeed.chromiumDifferences) trace.warnings.push(`${difference}.`);
      if (i > 0 && preflighted && !ownNeed.required) trace.departures.push("redirect-preflight-repeat");
      const need =
        i > 0 && preflighted && !ownNeed.required && profile.preflightsEveryRedirectAfterPreflight
          ? { ...ownNeed, required: true, reasons: [`${profile.name} preflights every cross-origin hop after a preflighted request is redirected`] }
          : ownNeed;
      if (state.tainted && need.required) trace.departures.push("redirect-preflight-origin");
      // The preflight's origin: tainted ("null") after a cross-origin redirect, except in engines that keep the page's.
      const preflightOrigin = state.tainted && profile.preflightUsesPageOriginAfterRedirect ? state.origin : serializedOrigin;
      const preflightRequest: PreflightRequest | undefined = need.required
        ? { method: "OPTIONS", url: state.currentUrl, headers: preflightHeaders(preflightOrigin, state.method, need.unsafe.names) }
        : undefined;
      if (i === 0) trace.preflight = preflightRequest === undefined ? { required: false } : { required: true, request: preflightRequest };
      trace.steps.push({
        id: `${prefix}preflight-needed`,
        title: "Preflight needed?",
        outcome: need.required ? "pass" : "skip",
        detail: need.required
          ? `A preflight is sent because ${need.reasons.join("; ")}.`
          : `No preflight: ${state.method} is CORS-safelisted and every header is CORS-safelisted (${need.unsafe.safelistedValueBytes} of 1024 bytes).`,
        spec: SPEC.preflightFetch,
        ...(preflightRequest === undefined ? {} : { values: preflightRequest.headers }),
      });

      const cacheKey = { origin: serializedOrigin, url: state.currentUrl, credentials: request.credentials === "include" };
      const check = (response: ObservedResponse | undefined) =>
        checkPreflight({
          profile,
          response,
          method: state.method,
          requestHeaders: state.list,
          unsafeHeaderNames: need.unsafe.names,
          credentials: request.credentials,
          serializedOrigin: preflightOrigin,
          idPrefix: `${prefix}preflight`,
        });
      if (need.required) preflighted = true;
      const fresh = !need.required ? [] : freshEntries(trace.cache, cacheKey, now);
      const cachedEntry = fresh.find((entry) => check(entry.response).failure === undefined);
      if (cachedEntry === undefined && fresh.length > 0) {
        trace.departures.push("preflight-cache-uncovered");
        if (profile.evictsUncoveringCacheEntry) {
          trace.cache = clearEntries(trace.cache, cacheKey.origin, cacheKey.url);
          trace.steps.push({
            id: `${prefix}preflight-cache-evict`,
            title: "Preflight cache",
            outcome: "pass",
            detail: `The cached preflight for ${state.currentUrl} does not cover this request: ${profile.name} evicts it and sends a new preflight.`,
            spec: SPEC.preflightCache,
          });
        }
      }
      if (cachedEntry !== undefined) {
        if (i === 0) trace.preflight = { ...trace.preflight, fromCache: true };
        trace.steps.push({
          id: `${prefix}preflight-cache`,
          title: "Preflight cache",
          outcome: "pass",
          detail: `A cached preflight for ${state.currentUrl} (fresh for ${cachedEntry.expiresAt - now} more seconds) allows ${state.method}${need.unsafe.names.length === 0 ? "" : ` with ${need.unsafe.names.join(", ")}`}: ${profile.name} sends no preflight.`,
          spec: SPEC.preflightCache,
        });
      } else if (need.required) {
        const result = check(hop?.preflight);
        trace.steps.push(...result.steps);
        trace.warnings.push(...result.warnings);
        trace.departures.push(...(result.departures ?? []));
        if (result.failure === undefined && hop?.preflight !== undefined && (result.maxAgeSeconds ?? 0) > 0) {
          trace.cache = storeEntry(trace.cache, { ...cacheKey, response: hop.preflight, expiresAt: now + (result.maxAgeSeconds ?? 0) });
        }
        if (i === 0 && result.maxAgeSeconds !== undefined) trace.preflight = { ...trace.preflight, maxAgeSeconds: result.maxAgeSeconds };
        if (result.failure !== undefined) {
          clearCacheAfterFailure(preflightOrigin, state.currentUrl, prefix);
          return blocked("preflight", result.failure);
        }
      }
    }

    const actual = hop?.actual;
    if (actual === undefined) {
      const message = "No response to the request was observed (a network error, or the server never answered).";
      trace.steps.push({ id: `${prefix}actual-response`, title: "Response", outcome: "fail", detail: message, spec: SPEC.httpFetch });
      return blocked("actual", { rule: "actual-no-response", message, fix: "Make the server answer the request." });
    }
    const list = toHeaderList(actual.headers);
    if (!sameOrigin) {
      // https://fetch.spec.whatwg.org/#http-fetch: the CORS check runs on every response, redirects included.
      const check = corsCheck({ list, serializedOrigin, credentials: request.credentials, what: "actual", idPrefix: `${prefix}actual` });
      trace.steps.push(...check.steps);
      if (check.failure !== undefined) {
        clearCacheAfterFailure(serializedOrigin, state.currentUrl, prefix);
        return blocked("actual", check.failure);
      }
    }

    const redirect = followRedirect(state, actual, list);
    if (redirect.kind === "final") {
      trace.steps.push({
        id: `${prefix}actual-response`,
        title: "Response",
        outcome: "pass",
        detail: `fetch() resolves with status ${actual.status}${sameOrigin ? "" : "; the page can read the body and the CORS-safelisted response headers (plus those in Access-Control-Expose-Headers)"}.`,
        spec: SPEC.httpFetch,
      });
      return allowed();
    }
    if (redirect.kind === "error") {
      trace.steps.push({
        id: `${prefix}redirect`,
        title: "Redirect",
        outcome: "fail",
        detail: redirect.message,
        spec: SPEC.httpRedirectFetch,
        ...(redirect.location === undefined ? {} : { values: { Location: redirect.location } }),
      });
      return blocked("actual", { rule: redirect.rule, message: redirect.message, fix: redirect.fix });
    }
    trace.steps.push({
      id: `${prefix}redirect`,
      title: "Redirect",
      outcome: "pass",
      detail: [`The browser follows the ${actual.status} redirect to ${redirect.next.currentUrl}.`, ...redirect.notes].join(" "),
      spec: SPEC.httpRedirectFetch,
      values: { Location: redirect.next.currentUrl },
    });
    state = redirect.next;
  }
}

/** What the browser sends for hop `index` of the chain (same rules as the loop above). */
function nextRequest(index: number, state: RedirectState, profile: EngineProfile, preflighted: boolean): NextRequest {
  const sameOrigin = !state.corsTainting && isSameOrigin(state.origin, urlOrigin(state.currentUrl));
  const serializedOrigin = state.tainted ? "null" : state.origin;
  const headers: Record<string, string> = Object.fromEntries(state.list.map((h) => [h.name, h.value]));
  // https://fetch.spec.whatwg.org/#append-a-request-origin-header: CORS requests and non-GET/HEAD requests carry Origin.
  if (!sameOrigin || (state.method !== "GET" && state.method !== "HEAD")) headers.Origin = serializedOrigin;
  const need = sameOrigin ? undefined : preflightNeed(state.method, state.list, profile);
  const required = need !== undefined && (need.required || (preflighted && profile.preflightsEveryRedirectAfterPreflight));
  const preflightOrigin = state.tainted && profile.preflightUsesPageOriginAfterRedirect ? state.origin : serializedOrigin;
  return {
    index,
    url: state.currentUrl,
    method: state.method,
    headers,
    ...(required ? { preflight: { method: "OPTIONS", url: state.currentUrl, headers: preflightHeaders(preflightOrigin, state.method, need.unsafe.names) } } : {}),
  };
}

function dedupe<T extends string>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
