// Public types of the browser simulator: what a page asked for, what the
// server answered, and what the browser (today's Chromium, following the
// Fetch Standard where Chromium does) decides. Data only.
// https://fetch.spec.whatwg.org/#http-cors-protocol

/** https://fetch.spec.whatwg.org/#concept-request-credentials-mode */
export type CredentialsMode = "omit" | "same-origin" | "include";

/** A request as a page makes it with `fetch(url, { method, headers, credentials })`. */
export interface SimulateRequest {
  /** Serialized origin of the page (`https://app.example.com`), or `"null"` for an opaque origin. */
  readonly origin: string;
  /** Absolute URL the page fetches. */
  readonly url: string;
  /** Method exactly as the page wrote it (`patch` and `PATCH` are different methods). */
  readonly method: string;
  /** Author request headers, as passed to `fetch()` (names are case-insensitive). */
  readonly headers: Readonly<Record<string, string>>;
  readonly credentials: CredentialsMode;
  /** Only `"cors"` (what `fetch()` uses by default) is simulated. */
  readonly mode?: "cors";
}

/**
 * Response headers as the server sent them: names are case-insensitive; a name
 * sent on several lines is an array of values, in order.
 */
export type RawHeaders = Readonly<Record<string, string | readonly string[]>>;

export interface ObservedResponse {
  readonly status: number;
  readonly headers: RawHeaders;
}

/** The responses of one URL of the redirect chain. */
export interface ObservedHop {
  /** The answer to the OPTIONS preflight, when the browser would send one. */
  readonly preflight?: ObservedResponse;
  /** The answer to the request itself. */
  readonly actual?: ObservedResponse;
}

export interface ObservedResponses extends ObservedHop {
  /**
   * When `actual` is a redirect the browser follows: the responses of each
   * next URL, in order (`redirects[0]` answers the first `Location`).
   */
  readonly redirects?: readonly ObservedHop[];
}

/**
 * IP address space of a host, as Local Network Access names them.
 * https://wicg.github.io/local-network-access/#ip-address-space-heading
 */
export type AddressSpace = "public" | "local" | "loopback";

export interface SimulateOptions {
  /** The engine whose departures from the standard apply (./engines.ts). Default `"chromium"`. */
  readonly engine?: Engine;
  /** The preflight cache before this request (from an earlier result's `cache`). Default: empty. */
  readonly cache?: PreflightCacheState;
  /** When the request is made, in seconds on the cache's clock. Default 0. */
  readonly now?: number;
  /**
   * Where the page and the target live. Only used to model Chromium's Local
   * Network Access permission; omit when unknown (no check is made).
   */
  readonly addressSpace?: { readonly initiator: AddressSpace; readonly target: AddressSpace };
}

import type { Engine, EngineRule } from "./engines";
import type { PreflightCacheState } from "./preflight-cache";

export type Verdict = "allowed" | "blocked";

/**
 * Where the browser stopped. `"preflight"`: before the actual request was
 * sent (the preflight failed, or the request could not even be made);
 * `"actual"`: the actual request was sent and its response was refused.
 */
export type Stage = "preflight" | "actual";

export type StepOutcome = "pass" | "fail" | "skip";

export interface SimulationStep {
  /** Stable identifier, e.g. `preflight-allow-headers`; redirect hops prefix it with `redirect-<n>/`. */
  readonly id: string;
  readonly title: string;
  readonly outcome: StepOutcome;
  readonly detail: string;
  /** URL of the Fetch Standard section this step follows. */
  readonly spec: string;
  /** Header values the step looked at (or would send), by header name. */
  readonly values?: Readonly<Record<string, string>>;
}

/** Stable codes of the reasons a browser blocks a request. */
export type FailureRule =
  // The request cannot be made at all (fetch() rejects before any network I/O).
  | "invalid-method"
  | "forbidden-method"
  | "invalid-header-name"
  | "invalid-header-value"
  | "invalid-url"
  | "bad-port"
  | "local-network-access"
  // The CORS check, on a preflight or an actual response.
  | "allow-origin-missing"
  | "allow-origin-wildcard-with-credentials"
  | "allow-origin-multiple"
  | "allow-origin-mismatch"
  | "allow-credentials-missing"
  | "allow-credentials-invalid"
  // The preflight.
  | "preflight-no-response"
  | "preflight-redirect"
  | "preflight-status"
  | "allow-methods-invalid"
  | "allow-headers-invalid"
  | "method-not-allowed"
  | "header-not-allowed"
  // The actual response and its redirects.
  | "actual-no-response"
  | "redirect-location-invalid"
  | "redirect-scheme"
  | "redirect-credentials-in-url"
  | "redirect-limit";

export interface SimulationFailure {
  readonly rule: FailureRule;
  readonly message: string;
  /** One sentence, e.g. "Add Content-Type to Access-Control-Allow-Headers." */
  readonly fix: string;
}

/** The OPTIONS request the browser sends before the actual request. */
export interface PreflightRequest {
  readonly method: "OPTIONS";
  readonly url: string;
  /** `Origin`, `Access-Control-Request-Method` and, when not empty, `Access-Control-Request-Headers`. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Why a preflight is (or is not) needed. */
export interface PreflightPlan {
  readonly required: boolean;
  /** Human-readable reasons, e.g. "method PUT is not CORS-safelisted". Empty when not required. */
  readonly reasons: readonly string[];
  /** Lowercase, sorted names the preflight lists in Access-Control-Request-Headers. */
  readonly unsafeHeaderNames: readonly string[];
  readonly request?: PreflightRequest;
}

/**
 * The request the browser sends next when the observed chain ends at a
 * redirect it follows: what a prober must send to continue the chain.
 */
export interface NextRequest {
  /** 1 for the response to the first Location, and so on (`redirects[index - 1]`). */
  readonly index: number;
  readonly url: string;
  readonly method: string;
  /** The header list as the browser sends it, Origin included when it sends one. */
  readonly headers: Readonly<Record<string, string>>;
  /** The preflight the browser sends first, when this hop needs one. */
  readonly preflight?: PreflightRequest;
}

export interface SimulationResult {
  readonly verdict: Verdict;
  /** Set when `verdict` is `"blocked"`. */
  readonly stage?: Stage;
  readonly preflight: {
    readonly required: boolean;
    readonly request?: PreflightRequest;
    /** How long the engine caches a successful preflight, in seconds. */
    readonly maxAgeSeconds?: number;
    /** A fresh cached preflight allowed the request: none was sent. */
    readonly fromCache?: boolean;
  };
  /** The engine simulated. */
  readonly engine: Engine;
  /** Engine rules (./engines.ts) that bear on this request: where engines may decide differently. */
  readonly departures: readonly EngineRule[];
  /** The preflight cache after this request (pass it as `options.cache` to the next one). */
  readonly cache: PreflightCacheState;
  readonly steps: readonly SimulationStep[];
  readonly failure?: SimulationFailure;
  /** Where Chromium differs from the Fetch Standard, or where the simulation is incomplete. */
  readonly warnings: readonly string[];
  /** Set when the verdict stops at a redirect with no observed response for its target. */
  readonly next?: NextRequest;
}
