// The server-side CORS probe: send the preflight a browser would send for a
// request (and, when it passes, the request itself, following its redirects
// hop by hop), then let the browser simulator (lib/cors/simulate) decide on
// the raw responses — so the verdict is the one Chromium would reach.

import {
  DEFAULT_ENGINE,
  normalizeMethod,
  simulate,
  type Engine,
  type FailureRule,
  type ObservedHop,
  type ObservedResponse,
  type ObservedResponses,
  type RawHeaders,
  type SimulateOptions,
  type SimulateRequest,
  type SimulationFailure,
  type SimulationResult,
  type SimulationStep,
} from "@/lib/cors/simulate";
import { buildRequestHeaderList } from "@/lib/cors/simulate/request-header-list";
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS, exchange } from "./http-exchange";
import { describeCause, describeRefusal, fixForCause, type NetworkCause, type ProbeOutcome } from "./probe-outcome";
import { checkTargetUrl, resolveTarget, type PinnedTarget, type Resolver } from "./ssrf-guard";
import { metrics } from "@/lib/server/metrics/metrics";

export interface ProbeInput {
  readonly url: string;
  readonly origin: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly credentials: "omit" | "include";
  /** Send the actual request for methods other than GET and HEAD (it may have side effects). */
  readonly sendActual?: boolean;
  /** The browser engine to decide (and send requests) like; default Chromium (lib/cors/simulate/engines.ts). */
  readonly engine?: Engine;
}

export interface ProbeOptions {
  /** Allow loopback, private, link-local… targets (CORSBOARD_PROBE_ALLOW_PRIVATE, or the CLI). */
  readonly allowPrivate: boolean;
  /**
   * How host names are resolved (the system resolver by default). Batch
   * callers pass a per-run cache: `withResolveCache(options)` or
   * `createCachedResolver()` from ./resolve-cache.
   */
  readonly resolve?: Resolver;
  /** Per request and per DNS lookup; 5 s by default. */
  readonly timeoutMs?: number;
  readonly maxBodyBytes?: number;
  /** How to lift a private-address refusal, in words (default: the server's CORSBOARD_PROBE_ALLOW_PRIVATE); used in the redirect warning and by describeRefusal callers. */
  readonly refusalHint?: string;
  /** Sends one request (./http-exchange by default); the per-engine probe shares identical requests through it. */
  readonly exchange?: typeof exchange;
}

/** One engine's result; with every engine's verdict it is the API's ProbeResultDoc (ProbeAnswer in ./probe-engines.ts, tied to the schema at compile time). */
export interface ProbeResult {
  readonly verdict: "allowed" | "blocked";
  readonly stage: "preflight" | "actual" | null;
  /** Where Corsboard connected (null when nothing was sent). */
  readonly target: { readonly host: string; readonly address: string; readonly port: number } | null;
  readonly preflight: {
    readonly required: boolean;
    /** The OPTIONS request sent (null when none is needed). */
    readonly request: { readonly method: "OPTIONS"; readonly url: string; readonly headers: Readonly<Record<string, string>> } | null;
    readonly status: number | null;
    readonly headers: RawHeaders | null;
    /** Network error instead of a response. */
    readonly error: string | null;
    readonly maxAgeSeconds: number | null;
  };
  /** null when the actual request was not sent. */
  readonly actual: {
    readonly request: { readonly method: string; readonly url: string; readonly headers: Readonly<Record<string, string>> };
    readonly status: number | null;
    readonly headers: RawHeaders | null;
    readonly error: string | null;
    readonly bodyBytesRead: number;
    readonly bodyTruncated: boolean;
  } | null;
  readonly steps: readonly SimulationStep[];
  readonly failure: SimulationFailure | null;
  readonly warnings: readonly string[];
  /** Engine rules (lib/cors/simulate/engines.ts) that bear on this request: where engines may decide differently. */
  readonly departures?: readonly string[];
}

/** Rules for which fetch() rejects before any network I/O: nothing is sent. */
const PRE_NETWORK_RULES: ReadonlySet<FailureRule> = new Set(["invalid-method", "forbidden-method", "invalid-header-name", "invalid-header-value", "invalid-url", "bad-port", "local-network-access"]);

const USER_AGENT = "Corsboard-probe/1 (+CORS preflight check)";

/**
 * Probe one request. Never throws for the target's sake: a URL or address the
 * probe may not reach is the outcome `refused` (nothing sent), a request that
 * got no response `unreachable` with its cause, anything else `answered`.
 */
export async function runProbe(input: ProbeInput, options: ProbeOptions): Promise<ProbeOutcome> {
  metrics().probeRuns.inc();
  const checked = checkTargetUrl(input.url);
  if (!checked.ok) return { kind: "refused", refusal: checked.refusal };
  const { url } = checked;
  const request: SimulateRequest = { origin: input.origin, url: url.href, method: input.method, headers: input.headers, credentials: input.credentials };
  const engine: SimulateOptions = { engine: input.engine ?? DEFAULT_ENGINE };
  const exchangeOptions = { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES };

  // What the browser would do before any response: reject outright, or plan a preflight.
  const before = simulate(request, {}, engine);
  if (before.verdict === "blocked" && before.failure && PRE_NETWORK_RULES.has(before.failure.rule)) {
    return answered(answer(before, { target: null, preflight: emptyPreflight(false), actual: null, extraWarnings: ["fetch() rejects this request before sending anything, so Corsboard sent nothing."] }));
  }
  const plan = before.preflight;
  const preflightRequest = plan.required && plan.request ? plan.request : null;

  const resolved = await resolveTarget(url, guardOptions(options));
  if (resolved.kind === "refused") return { kind: "refused", refusal: resolved.refusal };
  if (resolved.kind === "unresolved") {
    const { cause } = resolved;
    const error = describeCause(cause);
    const sim = withNetworkError(simulate(request, {}, engine), cause);
    if (preflightRequest) {
      return unreachable(cause, answer(sim, { target: null, preflight: { ...emptyPreflight(true), request: preflightRequest, error }, actual: null }));
    }
    return unreachable(cause, answer(sim, { target: null, preflight: emptyPreflight(false), actual: { ...actualRequest(request, url), status: null, headers: null, error, bodyBytesRead: 0, bodyTruncated: false } }));
  }
  const { target } = resolved;
  const targetInfo = { host: target.hostname, address: target.address.address, port: target.port };
  const warnings: string[] = [];
  if (input.credentials === "include") {
    warnings.push("Corsboard sends no cookies or other credentials; a server that answers signed-in requests differently may answer the browser differently.");
  }

  // 1. The preflight, exactly as the browser sends it, without credentials and without following redirects.
  let observedPreflight: ObservedResponse | undefined;
  let preflightOut: ProbeResult["preflight"] = emptyPreflight(false);
  if (preflightRequest) {
    const res = await (options.exchange ?? exchange)({ target, method: "OPTIONS", headers: { ...preflightRequest.headers, Accept: "*/*", "User-Agent": USER_AGENT }, ...exchangeOptions });
    if (res.ok) observedPreflight = { status: res.status, headers: res.headers };
    preflightOut = { required: true, request: preflightRequest, status: res.ok ? res.status : null, headers: res.ok ? res.headers : null, error: res.ok ? null : describeCause(res.cause), maxAgeSeconds: null };
    const afterPreflight = simulate(request, observedPreflight ? { preflight: observedPreflight } : {}, engine);
    if (afterPreflight.verdict === "blocked" && afterPreflight.stage === "preflight") {
      if (res.ok) return answered(answer(afterPreflight, { target: targetInfo, preflight: withMaxAge(preflightOut, afterPreflight), actual: null, extraWarnings: warnings }));
      const sim = withNetworkError(afterPreflight, res.cause);
      return unreachable(res.cause, answer(sim, { target: targetInfo, preflight: withMaxAge(preflightOut, sim), actual: null, extraWarnings: warnings }));
    }
  }

  // 2. The actual request: safe methods always; others only when asked (side effects).
  const method = normalizeMethod(input.method);
  const actualReq = actualRequest(request, url);
  if (method !== "GET" && method !== "HEAD" && input.sendActual !== true) {
    const sim = simulate(request, observedPreflight ? { preflight: observedPreflight } : {}, engine);
    const steps = sim.steps.filter((s) => s.id !== "actual-response");
    steps.push({
      id: "actual-response",
      title: "Response",
      outcome: "skip",
      detail: `Not sent: a ${method} request can have side effects, so Corsboard sends it only when asked to. Its response was not checked.`,
      spec: "https://fetch.spec.whatwg.org/#http-fetch",
    });
    const result = answer(
      { ...sim, verdict: "allowed", steps, warnings: sim.warnings },
      {
        target: targetInfo,
        preflight: withMaxAge(preflightOut, sim),
        actual: null,
        extraWarnings: [
          ...warnings,
          `The actual ${method} request was not sent (Corsboard sends it only when asked to), so its response was not checked: the browser also needs Access-Control-Allow-Origin${input.credentials === "include" ? " and Access-Control-Allow-Credentials" : ""} on it.`,
        ],
      },
    );
    return answered(result);
  }

  const res = await (options.exchange ?? exchange)({ target, method, headers: withBodyLength(method, { ...actualReq.request.headers, "User-Agent": USER_AGENT }), ...exchangeOptions });
  const observed: ObservedResponses = {
    ...(observedPreflight ? { preflight: observedPreflight } : {}),
    ...(res.ok ? { actual: { status: res.status, headers: res.headers } } : {}),
  };
  if (!res.ok) {
    const sim = withNetworkError(simulate(request, observed, engine), res.cause);
    return unreachable(
      res.cause,
      answer(sim, { target: targetInfo, preflight: withMaxAge(preflightOut, sim), actual: { ...actualReq, status: null, headers: null, error: describeCause(res.cause), bodyBytesRead: 0, bodyTruncated: false }, extraWarnings: warnings }),
    );
  }
  // 3. Redirects of the actual request, followed as the browser does (the simulator says what it sends next).
  const followed = await followRedirects(request, observed, simulate(request, observed, engine), options, exchangeOptions, warnings, engine);
  const result = answer(followed.sim, {
    target: targetInfo,
    preflight: withMaxAge(preflightOut, followed.sim),
    actual: { ...actualReq, status: res.status, headers: res.headers, error: null, bodyBytesRead: res.bodyBytes, bodyTruncated: res.bodyTruncated },
    extraWarnings: warnings,
  });
  return followed.cause === null ? answered(result) : unreachable(followed.cause, result);
}

function answered(result: ProbeResult): ProbeOutcome {
  return { kind: "answered", result };
}

function unreachable(cause: NetworkCause, result: ProbeResult): ProbeOutcome {
  return { kind: "unreachable", cause, result };
}

/**
 * Follow the redirect chain of the actual request hop by hop, as Chromium
 * does (https://fetch.spec.whatwg.org/#http-redirect-fetch, redirect mode
 * "follow"): the simulator works out each next request — 301/302 POST and 303
 * become GET without body headers, 307/308 keep method and headers, a
 * cross-origin hop taints the origin (Origin: null) and drops Authorization,
 * a cross-origin hop that needs it is preflighted again, at most 20 redirects —
 * and checks each response (CORS check on every hop). Each hop's host goes
 * through the SSRF guard again (resolve, check, pin) and each request has the
 * same timeout as the first. `cause` is the network error of the hop that got
 * no response (null when every hop answered or one was not followed).
 */
async function followRedirects(
  request: SimulateRequest,
  first: ObservedResponses,
  firstSim: SimulationResult,
  options: ProbeOptions,
  exchangeOptions: { timeoutMs: number; maxBodyBytes: number },
  warnings: string[],
  engine: SimulateOptions,
): Promise<{ sim: SimulationResult; cause: NetworkCause | null }> {
  const redirects: ObservedHop[] = [];
  let sim = firstSim;
  for (let next = sim.next; next !== undefined; next = sim.next) {
    const observe = (hop: ObservedHop) => simulate(request, { ...first, redirects: [...redirects, hop] }, engine);
    const resolved = await resolveTarget(new URL(next.url), guardOptions(options));
    if (resolved.kind === "unresolved") return { sim: withNetworkError(observe({}), resolved.cause), cause: resolved.cause };
    if (resolved.kind === "refused") {
      // Not followed (e.g. a redirect into a private network): the verdict covers the responses before it, as the simulator says.
      warnings.push(`Corsboard did not follow the redirect to ${next.url}: ${describeRefusal(resolved.refusal, options.refusalHint)} The browser would follow it, and its verdict depends on that server's answer.`);
      return { sim, cause: null };
    }
    const target: PinnedTarget = resolved.target;
    let hop: ObservedHop = {};
    if (next.preflight !== undefined) {
      const res = await (options.exchange ?? exchange)({ target, method: "OPTIONS", headers: { ...next.preflight.headers, Accept: "*/*", "User-Agent": USER_AGENT }, ...exchangeOptions });
      if (!res.ok) return { sim: withNetworkError(observe({}), res.cause), cause: res.cause };
      hop = { preflight: { status: res.status, headers: res.headers } };
      // The request itself goes out only when the browser would send it: after a preflight that passes.
      const afterPreflight = observe(hop);
      if (afterPreflight.verdict === "blocked" && afterPreflight.stage === "preflight") return { sim: afterPreflight, cause: null };
    }
    const res = await (options.exchange ?? exchange)({ target, method: next.method, headers: withBodyLength(next.method, { ...next.headers, "User-Agent": USER_AGENT }), ...exchangeOptions });
    if (res.ok) hop = { ...hop, actual: { status: res.status, headers: res.headers } };
    redirects.push(hop);
    sim = simulate(request, { ...first, redirects }, engine);
    if (!res.ok) return { sim: withNetworkError(sim, res.cause), cause: res.cause };
  }
  return { sim, cause: null };
}

function guardOptions(options: ProbeOptions): Parameters<typeof resolveTarget>[1] {
  return {
    allowPrivate: options.allowPrivate,
    ...(options.resolve ? { resolve: options.resolve } : {}),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
}

/** The probe sends no body; methods that usually carry one say so with Content-Length: 0. */
function withBodyLength(method: string, headers: Record<string, string>): Record<string, string> {
  return method === "POST" || method === "PUT" || method === "PATCH" ? { ...headers, "Content-Length": "0" } : headers;
}

function actualRequest(request: SimulateRequest, url: URL): { request: { method: string; url: string; headers: Record<string, string> } } {
  const built = buildRequestHeaderList(request.headers);
  const headers: Record<string, string> = {};
  if (built.ok) for (const h of built.list) headers[h.name] = h.value;
  // Cross-origin CORS requests carry Origin; same-origin GET/HEAD do not.
  const sameOrigin = url.origin === request.origin;
  const method = normalizeMethod(request.method);
  if (!sameOrigin || (method !== "GET" && method !== "HEAD")) headers.Origin = request.origin;
  return { request: { method, url: url.href, headers } };
}

function emptyPreflight(required: boolean): ProbeResult["preflight"] {
  return { required, request: null, status: null, headers: null, error: null, maxAgeSeconds: null };
}

function withMaxAge(p: ProbeResult["preflight"], sim: SimulationResult): ProbeResult["preflight"] {
  return { ...p, maxAgeSeconds: sim.preflight.maxAgeSeconds ?? null };
}

/** Say what the network error was, in the failure and the failing step. */
function withNetworkError(sim: SimulationResult, cause: NetworkCause): SimulationResult {
  if (!sim.failure || (sim.failure.rule !== "preflight-no-response" && sim.failure.rule !== "actual-no-response")) return sim;
  const what = sim.failure.rule === "preflight-no-response" ? "the preflight" : "the request";
  const message = `No response to ${what}: ${describeCause(cause)}.`;
  const steps = sim.steps.map((s, i) => (i === sim.steps.length - 1 && s.outcome === "fail" ? { ...s, detail: message } : s));
  return { ...sim, steps, failure: { ...sim.failure, message, fix: fixForCause(cause) ?? sim.failure.fix } };
}

function answer(
  sim: SimulationResult,
  parts: { target: ProbeResult["target"]; preflight: ProbeResult["preflight"]; actual: ProbeResult["actual"]; extraWarnings?: readonly string[] },
): ProbeResult {
  return {
    verdict: sim.verdict,
    stage: sim.verdict === "blocked" ? (sim.stage ?? null) : null,
    target: parts.target,
    preflight: parts.preflight,
    actual: parts.actual,
    steps: sim.steps,
    failure: sim.verdict === "blocked" ? (sim.failure ?? null) : null,
    warnings: [...sim.warnings, ...(parts.extraWarnings ?? [])],
    departures: sim.departures,
  };
}
