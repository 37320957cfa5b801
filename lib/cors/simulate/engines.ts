// The browser engines the simulator models, and every place where one of them
// departs from the Fetch Standard — as data, each with its source. The
// simulator reads this table (through `engineProfile`); it has no
// engine-specific `if`s of its own.
//
// Chromium and Firefox are checked against the real browsers by the
// differential suites (e2e/cors-differential.spec.ts); WebKit is modelled on
// paper from WebKit's source and is not run here.

import { SPEC } from "./spec-links";

export const ENGINES = ["chromium", "firefox", "webkit"] as const;
export type Engine = (typeof ENGINES)[number];
export const DEFAULT_ENGINE: Engine = "chromium";

export function isEngine(value: unknown): value is Engine {
  return typeof value === "string" && (ENGINES as readonly string[]).includes(value);
}

/** How `Access-Control-Max-Age` is read. */
export type MaxAgeParse =
  /** Chromium: base::StringToInt64 — a leading `+` is accepted, a negative number means 0 (not cached), anything else invalid means 5 s. */
  | "int64"
  /** Firefox: digits only; anything else (a sign, a dot, letters) and the preflight is not cached at all. */
  | "digits-or-uncached"
  /** The standard (and WebKit): delta-seconds; anything else means the default 5 s. */
  | "delta-seconds";

export interface EngineProfile {
  readonly id: Engine;
  readonly name: string;
  /** `"run"`: verified against the real browser here; `"modelled"`: on paper from its source, not run here. */
  readonly verification: "run" | "modelled";
  /** The version the model was checked against (or read from). */
  readonly version: string;
  readonly maxAgeCapSeconds: number;
  readonly maxAgeParse: MaxAgeParse;
  /** `Access-Control-Allow-Headers: *` also covers `Authorization` (the standard: never). */
  readonly authorizationCoveredByWildcard: boolean;
  /** A cached preflight is dropped when an actual response to that URL fails the CORS check (the standard: yes). */
  readonly dropsPreflightCacheOnFailure: boolean;
  /** A cached preflight that does not cover a request (another method or header) is evicted when that request looks it up. */
  readonly evictsUncoveringCacheEntry: boolean;
  /** Client hints (DPR, Width, …) and Intervention are CORS-safelisted with a well-formed value (the standard: no). */
  readonly safelistsClientHints: boolean;
  /** `User-Agent` set by a page is silently dropped (the standard: sent, and CORS-unsafe). */
  readonly forbidsUserAgent: boolean;
  /** Local Network Access permission before public → local/loopback requests (Chromium 142+). */
  readonly localNetworkAccess: boolean;
  /** After a preflighted request is redirected, every later cross-origin hop is preflighted too, even a CORS-safelisted one (the standard: only when that hop needs one). */
  readonly preflightsEveryRedirectAfterPreflight: boolean;
  /** After a cross-origin redirect, the preflight carries (and is checked against) the page's origin instead of `null`. */
  readonly preflightUsesPageOriginAfterRedirect: boolean;
  /** What `String(error)` says when fetch() rejects on a network error (a CORS failure included). */
  readonly fetchErrorText: string;
}

/** One departure from the standard, with what each engine does and where that comes from. */
export interface EngineDeparture {
  readonly id: EngineRule;
  readonly title: string;
  /** What the Fetch Standard says, and its link. */
  readonly standard: string;
  readonly standardSource: string;
  /** What each engine does, with a source for each. */
  readonly engines: Readonly<Record<Engine, { readonly behaviour: string; readonly source: string }>>;
}

export type EngineRule =
  | "max-age-cap"
  | "max-age-parse"
  | "authorization-wildcard"
  | "preflight-cache-after-failure"
  | "preflight-cache-uncovered"
  | "client-hints-safelisted"
  | "user-agent-forbidden"
  | "local-network-access"
  | "redirect-preflight-repeat"
  | "redirect-preflight-origin"
  | "error-text";

const CHROMIUM_CORS = "https://source.chromium.org/chromium/chromium/src/+/main:services/network/public/cpp/cors/";
const CHROMIUM_PREFLIGHT_RESULT = "https://source.chromium.org/chromium/chromium/src/+/main:services/network/cors/preflight_result.cc";
const GECKO_CORS = "https://searchfox.org/mozilla-central/source/netwerk/protocol/http/nsCORSListenerProxy.cpp";
const GECKO_PREFS = "https://searchfox.org/mozilla-central/source/modules/libpref/init/StaticPrefList.yaml";
const WEBKIT_PREFLIGHT_CACHE = "https://github.com/WebKit/WebKit/blob/main/Source/WebCore/loader/CrossOriginPreflightResultCache.cpp";
const WEBKIT_CORS = "https://github.com/WebKit/WebKit/blob/main/Source/WebCore/loader/CrossOriginAccessControl.cpp";

export const ENGINE_PROFILES: Readonly<Record<Engine, EngineProfile>> = {
  chromium: {
    id: "chromium",
    name: "Chromium",
    verification: "run",
    version: "156",
    maxAgeCapSeconds: 7200,
    maxAgeParse: "int64",
    authorizationCoveredByWildcard: true,
    dropsPreflightCacheOnFailure: false,
    evictsUncoveringCacheEntry: true,
    safelistsClientHints: true,
    forbidsUserAgent: true,
    localNetworkAccess: true,
    preflightsEveryRedirectAfterPreflight: false,
    preflightUsesPageOriginAfterRedirect: false,
    fetchErrorText: "TypeError: Failed to fetch",
  },
  firefox: {
    id: "firefox",
    name: "Firefox",
    verification: "run",
    version: "153 ESR",
    maxAgeCapSeconds: 86400,
    maxAgeParse: "digits-or-uncached",
    authorizationCoveredByWildcard: true,
    dropsPreflightCacheOnFailure: true,
    evictsUncoveringCacheEntry: false,
    safelistsClientHints: false,
    forbidsUserAgent: false,
    localNetworkAccess: false,
    preflightsEveryRedirectAfterPreflight: true,
    preflightUsesPageOriginAfterRedirect: true,
    fetchErrorText: "TypeError: NetworkError when attempting to fetch resource.",
  },
  webkit: {
    id: "webkit",
    name: "WebKit (Safari)",
    verification: "modelled",
    version: "source, 2026",
    maxAgeCapSeconds: 600,
    // CrossOriginPreflightResultCache.cpp: parseInteger<int64_t> (a sign is read,
    // a negative value expires the entry at once, anything else unparsable is 5 s),
    // validateCrossOriginHeaders (a non-credentialed `*` covers every header, no
    // Authorization exception), canSkipPreflight (an entry that doesn't cover the
    // request is removed).
    maxAgeParse: "int64",
    authorizationCoveredByWildcard: true,
    dropsPreflightCacheOnFailure: false,
    evictsUncoveringCacheEntry: true,
    safelistsClientHints: false,
    forbidsUserAgent: false,
    localNetworkAccess: false,
    preflightsEveryRedirectAfterPreflight: false,
    preflightUsesPageOriginAfterRedirect: false,
    fetchErrorText: "TypeError: Load failed",
  },
};

export function engineProfile(engine: Engine = DEFAULT_ENGINE): EngineProfile {
  return ENGINE_PROFILES[engine];
}

/** Every departure, with its sources: what the Tester shows when two engines disagree. */
export const ENGINE_DEPARTURES: readonly EngineDeparture[] = [
  {
    id: "max-age-cap",
    title: "Access-Control-Max-Age cap",
    standard: "The user agent may cap the max-age; absent, 5 seconds.",
    standardSource: SPEC.maxAge,
    engines: {
      chromium: { behaviour: "Capped at 7200 s (2 hours).", source: `${CHROMIUM_PREFLIGHT_RESULT} (kMaxTimeout)` },
      firefox: { behaviour: "Capped at 86400 s (24 hours).", source: `${GECKO_CORS} (nsCORSPreflightListener::AddResultToCache)` },
      webkit: { behaviour: "Capped at 600 s (10 minutes).", source: `${WEBKIT_PREFLIGHT_CACHE} (maxPreflightCacheTimeout)` },
    },
  },
  {
    id: "max-age-parse",
    title: "Reading Access-Control-Max-Age",
    standard: "delta-seconds (digits only); anything else is invalid and the default 5 seconds applies.",
    standardSource: SPEC.maxAge,
    engines: {
      chromium: {
        behaviour: "base::StringToInt64: `+60` is 60 s, a negative number is 0 (not cached), anything else invalid is 5 s.",
        source: `${CHROMIUM_PREFLIGHT_RESULT} (ParseAccessControlMaxAge)`,
      },
      firefox: {
        behaviour: "Digits only: any other character (a sign, a dot) and the preflight is not cached at all.",
        source: `${GECKO_CORS} (nsCORSPreflightListener::AddResultToCache)`,
      },
      webkit: { behaviour: "parseInteger<int64_t>: `+60` is 60 s, a negative number expires the entry at once (not cached), anything else invalid is 5 s (modelled, not run here).", source: `${WEBKIT_PREFLIGHT_CACHE} (parseAccessControlMaxAge)` },
    },
  },
  {
    id: "authorization-wildcard",
    title: "Access-Control-Allow-Headers: * and Authorization",
    standard: "`*` never covers Authorization (a CORS non-wildcard request-header name): list it explicitly.",
    standardSource: SPEC.nonWildcardRequestHeaderName,
    engines: {
      chromium: { behaviour: "`*` covers Authorization.", source: `${CHROMIUM_CORS}cors.cc (verified in Chromium 156 by e2e/cors-differential.spec.ts)` },
      firefox: {
        behaviour: "`*` covers Authorization while the pref network.cors_preflight.authorization_covered_by_wildcard is true (the default).",
        source: `${GECKO_PREFS} (network.cors_preflight.authorization_covered_by_wildcard)`,
      },
      webkit: { behaviour: "A non-credentialed `*` covers every header, Authorization included (modelled, not run here).", source: `${WEBKIT_PREFLIGHT_CACHE} (validateCrossOriginHeaders)` },
    },
  },
  {
    id: "preflight-cache-after-failure",
    title: "Cached preflight after a failed response",
    standard: "When a response fails the CORS check, the preflight cache entries for its URL are cleared: the next request sends a new preflight.",
    // Firefox also clears them when a later preflight to that URL fails (e2e/cors-differential-firefox.spec.ts, seq-cache-other-header).
    standardSource: "https://fetch.spec.whatwg.org/#concept-cache-clear",
    engines: {
      chromium: { behaviour: "Keeps the cached preflight: the next request within max-age sends no preflight.", source: `${CHROMIUM_PREFLIGHT_RESULT} (verified in Chromium 156)` },
      firefox: { behaviour: "Drops the cached preflight after a failed actual response (as the standard) or a failed preflight: the next request sends a new preflight.", source: `${GECKO_CORS} (nsCORSPreflightCache::RemoveEntries)` },
      webkit: { behaviour: "Keeps the cached preflight (modelled, not run here).", source: WEBKIT_PREFLIGHT_CACHE },
    },
  },
  {
    id: "preflight-cache-uncovered",
    title: "A cached preflight that does not cover the next request",
    standard: "The entry stays; the request sends its own preflight, and its result is added to the cache.",
    standardSource: SPEC.preflightCache,
    engines: {
      chromium: {
        behaviour: "The entry is evicted when a request it does not cover looks it up: a later request it did cover sends a new preflight (found by e2e/cors-differential.spec.ts).",
        source: "https://source.chromium.org/chromium/chromium/src/+/main:services/network/cors/preflight_cache.cc (CheckIfRequestCanSkipPreflight)",
      },
      firefox: { behaviour: "The entry stays (as the standard) unless the new preflight fails.", source: `${GECKO_CORS} (nsPreflightCache::GetEntry)` },
      webkit: { behaviour: "The entry is removed when a request it does not cover looks it up, as in Chromium (modelled, not run here).", source: `${WEBKIT_PREFLIGHT_CACHE} (canSkipPreflight)` },
    },
  },
  {
    id: "client-hints-safelisted",
    title: "Client hints as request headers",
    standard: "DPR, Width, Viewport-Width, Device-Memory, RTT, Downlink, ECT, Save-Data and Intervention are not CORS-safelisted: a preflight.",
    standardSource: SPEC.safelistedRequestHeader,
    engines: {
      chromium: { behaviour: "Safelisted when the value is well-formed: no preflight.", source: `${CHROMIUM_CORS}cors.cc (IsCorsSafelistedHeader)` },
      firefox: { behaviour: "Not safelisted (as the standard): a preflight.", source: `${GECKO_CORS} (nsCORSListenerProxy::IsCorsSafelistedRequestHeader)` },
      webkit: { behaviour: "Not safelisted (as the standard; modelled, not run here).", source: WEBKIT_CORS },
    },
  },
  {
    id: "user-agent-forbidden",
    title: "User-Agent set by the page",
    standard: "Sent, and CORS-unsafe: a preflight.",
    standardSource: SPEC.forbiddenRequestHeader,
    engines: {
      chromium: { behaviour: "Silently dropped (crbug.com/571722): no preflight for it.", source: "https://crbug.com/571722" },
      firefox: { behaviour: "Sent (as the standard): a preflight that must allow User-Agent.", source: GECKO_CORS },
      webkit: { behaviour: "Sent (as the standard; modelled, not run here).", source: WEBKIT_CORS },
    },
  },
  {
    id: "local-network-access",
    title: "Public page → local or loopback address",
    standard: "No such rule in the Fetch Standard (the WICG Local Network Access draft adds a permission).",
    standardSource: SPEC.localNetworkAccess,
    engines: {
      chromium: { behaviour: "Local Network Access permission prompt; secure contexts only.", source: SPEC.localNetworkAccess },
      firefox: { behaviour: "Not modelled here (Firefox's prompt waits up to 5 minutes); no check is made.", source: "https://bugzilla.mozilla.org/show_bug.cgi?id=1481298" },
      webkit: { behaviour: "No check (modelled, not run here).", source: WEBKIT_CORS },
    },
  },
  {
    id: "redirect-preflight-repeat",
    title: "Redirects of a preflighted request",
    standard: "Each hop is preflighted only if it needs one itself (a non-safelisted method or header).",
    standardSource: SPEC.httpRedirectFetch,
    engines: {
      chromium: { behaviour: "As the standard: a GET without unsafe headers after the redirect sends no preflight.", source: `${CHROMIUM_CORS}cors.cc (verified in Chromium 156)` },
      firefox: {
        behaviour: "Once a request was preflighted, every cross-origin hop after a redirect is preflighted again, even a plain GET (found by e2e/cors-differential-firefox.spec.ts).",
        source: `${GECKO_CORS} (nsCORSListenerProxy::AsyncOnChannelRedirect)`,
      },
      webkit: { behaviour: "As the standard (modelled, not run here).", source: WEBKIT_CORS },
    },
  },
  {
    id: "redirect-preflight-origin",
    title: "Origin of a preflight after a cross-origin redirect",
    standard: "The request's origin is tainted: the preflight sends Origin: null and needs Access-Control-Allow-Origin: null (or *).",
    standardSource: SPEC.serializingRequestOrigin,
    engines: {
      chromium: { behaviour: "As the standard: Origin: null.", source: `${CHROMIUM_CORS}cors.cc (verified in Chromium 156)` },
      firefox: {
        behaviour: "The preflight sends the page's origin and is checked against it; the actual request then sends Origin: null (found by e2e/cors-differential-firefox.spec.ts).",
        source: `${GECKO_CORS} (nsCORSPreflightListener)`,
      },
      webkit: { behaviour: "As the standard (modelled, not run here).", source: WEBKIT_CORS },
    },
  },
  {
    id: "error-text",
    title: "What fetch() rejects with",
    standard: "A TypeError; its message is up to the browser.",
    standardSource: SPEC.mainFetch,
    engines: {
      chromium: { behaviour: "TypeError: Failed to fetch", source: "https://source.chromium.org/chromium/chromium/src/+/main:third_party/blink/renderer/core/fetch/fetch_manager.cc" },
      firefox: { behaviour: "TypeError: NetworkError when attempting to fetch resource.", source: "https://searchfox.org/mozilla-central/source/dom/locales/en-US/chrome/dom/dom.properties" },
      webkit: { behaviour: "TypeError: Load failed", source: WEBKIT_CORS },
    },
  },
];

export function engineDeparture(id: EngineRule): EngineDeparture {
  const found = ENGINE_DEPARTURES.find((d) => d.id === id);
  if (found === undefined) throw new Error(`unknown engine rule ${id}`);
  return found;
}
