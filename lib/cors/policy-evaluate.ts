// Evaluate one request against a compiled policy: what a service answers.
// Returns the decision and the exact response headers as data; the caller
// writes them (express `cors` style: decisions in one place, I/O at the edge).
//
// The server side of the CORS protocol: https://fetch.spec.whatwg.org/#http-cors-protocol
// - A CORS-preflight request is OPTIONS with Origin and Access-Control-Request-Method
//   (https://fetch.spec.whatwg.org/#cors-preflight-request).
// - Access-Control-Allow-Origin is the request's exact Origin, or `*` only for a
//   `*` rule, which compile refuses with credentials
//   (https://fetch.spec.whatwg.org/#cors-protocol-and-credentials).
// - Rejections carry no CORS header at all, only Vary.
// - Vary: Origin on every answer that depends on the Origin — allowed, rejected
//   and requests without Origin alike — so a shared cache never serves one
//   origin's answer to another (https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches).

import { HEADER, REQUEST_HEADER, SAFELISTED_METHODS, TOKEN } from "./fetch-constants";
import type { CompiledPolicy, CompiledRule, EvaluateOptions, EvaluateReason, EvaluateReasonCode, EvaluateRequest, EvaluateResult } from "./types";

/** Header values computed once per compiled policy. */
interface Prepared {
  readonly allowMethods: string | null;
  readonly allowHeaders: string | null;
  readonly allowedHeaderSet: ReadonlySet<string>;
  readonly anyHeader: boolean;
  readonly anyMethod: boolean;
  readonly methodSet: ReadonlySet<string>;
  readonly exposeHeaders: string | null;
  readonly maxAge: string | null;
  readonly varyActual: string | null;
  readonly varyPreflight: string;
}

const prepared = new WeakMap<CompiledPolicy, Prepared>();

function prepare(policy: CompiledPolicy): Prepared {
  const cached = prepared.get(policy);
  if (cached) return cached;
  const s = policy.settings;
  const join = (list: readonly string[]) => (list.length === 0 ? null : list.join(", "));
  const preflightVary: string[] = [REQUEST_HEADER.requestMethod, REQUEST_HEADER.requestHeaders];
  if (s.allowPrivateNetwork) preflightVary.push(REQUEST_HEADER.requestPrivateNetwork);
  const value: Prepared = {
    allowMethods: join(s.allowedMethods),
    allowHeaders: join(s.allowedHeaders),
    allowedHeaderSet: new Set(s.allowedHeaders),
    anyHeader: s.allowedHeaders.includes("*"),
    anyMethod: s.allowedMethods.includes("*"),
    methodSet: new Set(s.allowedMethods),
    exposeHeaders: join(s.exposedHeaders),
    maxAge: s.maxAgeSeconds === null ? null : String(s.maxAgeSeconds),
    // An unexpiring `*` policy answers every Origin alike: no Vary: Origin needed.
    varyActual: policy.originIndependent ? null : REQUEST_HEADER.origin,
    varyPreflight: (policy.originIndependent ? preflightVary : [REQUEST_HEADER.origin, ...preflightVary]).join(", "),
  };
  prepared.set(policy, value);
  return value;
}

function result(
  kind: EvaluateResult["kind"],
  allowed: boolean,
  code: EvaluateReasonCode,
  message: string,
  status: number | null,
  headers: Record<string, string>,
  rule: CompiledRule | null,
  refused?: Pick<EvaluateReason, "method" | "headers">,
): EvaluateResult {
  const reason: EvaluateReason = refused ? { code, message, ...refused } : { code, message };
  return { kind, allowed, reason, status, headers, matchedRule: rule ? ruleRef(rule) : null };
}

/** `matchedRule` of a result: one frozen object per rule, not one per request. */
const ruleRefs = new WeakMap<CompiledRule, { readonly index: number; readonly value: string }>();
function ruleRef(rule: CompiledRule) {
  let ref = ruleRefs.get(rule);
  if (!ref) ruleRefs.set(rule, (ref = Object.freeze({ index: rule.index, value: rule.origin.value })));
  return ref;
}

function onlyVary(vary: string | null): Record<string, string> {
  return vary === null ? {} : { [HEADER.vary]: vary };
}

/** The reason of a match depends on the rule only: built once per rule (the request path allocates no string for it). */
const matchedReasons = new WeakMap<CompiledRule, { code: EvaluateReasonCode; message: string }>();

function matchedReason(rule: CompiledRule): { code: EvaluateReasonCode; message: string } {
  let reason = matchedReasons.get(rule);
  if (!reason) matchedReasons.set(rule, (reason = buildMatchedReason(rule)));
  return reason;
}

function buildMatchedReason(rule: CompiledRule): { code: EvaluateReasonCode; message: string } {
  const at = `${rule.origin.value} (entry ${rule.index + 1})`;
  switch (rule.origin.kind) {
    case "exact":
      return { code: "matched-exact", message: `Allowed by ${at}.` };
    case "pattern":
      return { code: "matched-pattern", message: `Allowed by the pattern ${at}.` };
    case "null":
      return { code: "matched-null", message: `The null origin is allowed by ${at}.` };
    case "any":
      return { code: "matched-any", message: `Every origin is allowed by ${at}.` };
  }
}

function rejectedOrigin(origin: string, expired: CompiledRule | null): { code: EvaluateReasonCode; message: string } {
  if (expired !== null && expired.expiresAt !== null) {
    return {
      code: "origin-rule-expired",
      message: `${origin} matched ${expired.origin.value} (entry ${expired.index + 1}), which expired on ${new Date(expired.expiresAt).toISOString()}.`,
    };
  }
  return { code: "origin-not-allowed", message: `${JSON.stringify(origin)} is not in the allowlist, so no CORS headers are sent.` };
}

/** Whether a string has an ASCII lowercase letter (a loop: a regular expression costs more on every request's short method). */
function hasLowerAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 97 && c <= 122) return true;
  }
  return false;
}

/** A rejected preflight: 403, no CORS header, only Vary. */
function rejectPreflight(p: Prepared, code: EvaluateReasonCode, message: string, rule: CompiledRule | null, refused?: Pick<EvaluateReason, "method" | "headers">): EvaluateResult {
  return result("preflight", false, code, message, 403, { [HEADER.vary]: p.varyPreflight }, rule, refused);
}

/** Access-Control-Request-Headers as a list: lowercase, trimmed, empty items dropped. */
function requestedHeaders(value: string | null | undefined): string[] {
  if (typeof value !== "string" || value === "") return [];
  // One pass, one array (this runs on every preflight).
  const out: string[] = [];
  for (const part of value.split(",")) {
    const h = part.trim();
    if (h !== "") out.push(h.toLowerCase());
  }
  return out;
}

/**
 * Decides one request. `now` (options) is the clock for rule expiry.
 * Never throws for any request of the declared type.
 */
export function evaluateRequest(policy: CompiledPolicy, requestInput: EvaluateRequest, options: EvaluateOptions = {}): EvaluateResult {
  const p = prepare(policy);
  const s = policy.settings;
  // JavaScript callers may pass nothing: that is a request without any header.
  const request: Partial<EvaluateRequest> = typeof requestInput === "object" && requestInput !== null ? requestInput : {};
  const now = options?.now instanceof Date ? options.now.getTime() : options?.now;
  const origin = request.origin;
  // ASCII-only uppercase: `toUpperCase` would turn "optıons" (dotless ı) into OPTIONS.
  // Methods usually arrive uppercase: only a method with a lowercase letter is rewritten.
  const method = typeof request.method === "string" ? (hasLowerAscii(request.method) ? request.method.replace(/[a-z]+/g, (m) => m.toUpperCase()) : request.method) : "";

  // No Origin: not a CORS request (curl, health checks, server-to-server calls).
  if (origin === undefined || origin === null) {
    if (s.noOrigin === "reject") {
      return result("no-origin", false, "no-origin-rejected", "The request has no Origin header and this policy rejects such requests.", 403, { [HEADER.vary]: REQUEST_HEADER.origin }, null);
    }
    // A `*` policy answers the same with or without Origin (so a cached copy suits everyone);
    // otherwise the answer would differ if an Origin were present: Vary: Origin.
    const headers: Record<string, string> = policy.originIndependent ? { [HEADER.allowOrigin]: "*" } : onlyVary(p.varyActual);
    if (policy.originIndependent && p.exposeHeaders !== null) headers[HEADER.exposeHeaders] = p.exposeHeaders;
    return result("no-origin", true, "no-origin-pass-through", "The request has no Origin header: not a CORS request, passed through.", null, headers, null);
  }

  const acrm = request.accessControlRequestMethod;
  const isPreflight = method === "OPTIONS" && typeof acrm === "string" && acrm !== "";
  const match = policy.match(origin, now);

  if (!isPreflight) {
    if (!match.matched) {
      const reason = rejectedOrigin(origin, match.expired);
      return result("actual", false, reason.code, reason.message, null, onlyVary(p.varyActual), null);
    }
    const rule = match.rule;
    if (rule.origin.kind === "pattern") return allowActual(p, s, rule, origin);
    return actualAnswers.get(rule) ?? remember(actualAnswers, rule, allowActual(p, s, rule, origin));
  }

  // CORS-preflight request (https://fetch.spec.whatwg.org/#cors-preflight-fetch).
  // A rejected preflight is answered 403 with no CORS headers (see README).
  if (!match.matched) {
    const reason = rejectedOrigin(origin, match.expired);
    return rejectPreflight(p, reason.code, reason.message, null);
  }
  const rule = match.rule;

  // Safelisted methods (GET, HEAD, POST) pass the browser's check whatever
  // Access-Control-Allow-Methods says; others must be listed, byte for byte
  // (https://fetch.spec.whatwg.org/#cors-preflight-fetch step 7.6).
  if (!SAFELISTED_METHODS.has(acrm) && !p.anyMethod && !p.methodSet.has(acrm)) {
    return rejectPreflight(p, "method-not-allowed", `The preflight asks for the method ${JSON.stringify(acrm)}, which is not in allowedMethods (GET, HEAD and POST are always allowed).`, rule, { method: acrm });
  }

  const asked = requestedHeaders(request.accessControlRequestHeaders);
  let refused: string[] | null = null;
  for (const h of asked) {
    // `*` covers every header but Authorization, which must be named (https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name)
    if (s.reflectRequestHeaders ? !TOKEN.test(h) : !p.allowedHeaderSet.has(h) && !(p.anyHeader && h !== "authorization")) (refused ??= []).push(h);
  }
  if (refused !== null) {
    return rejectPreflight(p, "headers-not-allowed", `The preflight asks for the request header(s) ${refused.join(", ")}, not in allowedHeaders.`, rule, { headers: refused });
  }

  const pnaValue = request.accessControlRequestPrivateNetwork;
  const askedPrivateNetwork = pnaValue === true || (typeof pnaValue === "string" && pnaValue.trim().toLowerCase() === "true");
  if (askedPrivateNetwork && !s.allowPrivateNetwork) {
    return rejectPreflight(p, "private-network-not-allowed", "The preflight asks for Private Network Access, which this policy does not allow (allowPrivateNetwork is off).", rule);
  }

  if (rule.origin.kind !== "pattern" && !s.reflectRequestHeaders && !askedPrivateNetwork) {
    return preflightAnswers.get(rule) ?? remember(preflightAnswers, rule, allowPreflight(p, s, rule, origin, asked, false));
  }
  return allowPreflight(p, s, rule, origin, asked, askedPrivateNetwork);
}

function allowActual(p: Prepared, s: CompiledPolicy["settings"], rule: CompiledRule, origin: string): EvaluateResult {
  const headers: Record<string, string> = { [HEADER.allowOrigin]: rule.origin.kind === "any" ? "*" : origin };
  if (s.allowCredentials) headers[HEADER.allowCredentials] = "true";
  if (p.exposeHeaders !== null) headers[HEADER.exposeHeaders] = p.exposeHeaders;
  if (p.varyActual !== null) headers[HEADER.vary] = p.varyActual;
  const reason = matchedReason(rule);
  return result("actual", true, reason.code, reason.message, null, headers, rule);
}

function allowPreflight(p: Prepared, s: CompiledPolicy["settings"], rule: CompiledRule, origin: string, asked: readonly string[], askedPrivateNetwork: boolean): EvaluateResult {
  const headers: Record<string, string> = { [HEADER.allowOrigin]: rule.origin.kind === "any" ? "*" : origin };
  if (s.allowCredentials) headers[HEADER.allowCredentials] = "true";
  if (p.allowMethods !== null) headers[HEADER.allowMethods] = p.allowMethods;
  const allowHeaders = s.reflectRequestHeaders ? (asked.length > 0 ? asked.join(", ") : null) : p.allowHeaders;
  if (allowHeaders !== null) headers[HEADER.allowHeaders] = allowHeaders;
  if (p.maxAge !== null) headers[HEADER.maxAge] = p.maxAge;
  if (askedPrivateNetwork) headers[HEADER.allowPrivateNetwork] = "true";
  headers[HEADER.vary] = p.varyPreflight;
  const reason = matchedReason(rule);
  return result("preflight", true, reason.code, reason.message, 204, headers, rule);
}

/**
 * The allowed answer of a rule whose Access-Control-Allow-Origin doesn't depend on the request:
 * an exact rule matches only its own string (the matcher's hash key), `*` and `null` answer
 * constants. Built once per rule and frozen; a pattern's answer names each request's origin.
 * (A preflight's answer is shared only when it doesn't reflect what the request asked.)
 */
const actualAnswers = new WeakMap<CompiledRule, EvaluateResult>();
const preflightAnswers = new WeakMap<CompiledRule, EvaluateResult>();

function remember(cache: WeakMap<CompiledRule, EvaluateResult>, rule: CompiledRule, built: EvaluateResult): EvaluateResult {
  const answer = Object.freeze({ ...built, reason: Object.freeze(built.reason), headers: Object.freeze(built.headers) });
  cache.set(rule, answer);
  return answer;
}
