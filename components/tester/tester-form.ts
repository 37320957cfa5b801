// The tester's form as plain data, and the pure functions that turn it into
// the fetch() the browser runs and the probe request the server runs, so the
// two always describe the same request.

import { isToken, normalizeMethod } from "@/lib/cors";
import { checkRequestOrigin, checkRequestUrl } from "@/lib/cors/request-target";
import type { ProbeRequest } from "@/lib/api/schemas/probe";
import type { TesterRequest } from "@/lib/api/schemas/probe-record";
import { MASKED_HEADER_VALUE, maskSecretHeaders } from "@/lib/api/schemas/saved-check";

export type TesterMode = "browser" | "server";
export type BodyType = "none" | "json" | "form" | "text";
export type BrowserCredentials = "omit" | "same-origin" | "include";
export type BrowserCache = "no-store" | "default";

export interface HeaderRow {
  readonly name: string;
  readonly value: string;
}

export interface TesterForm {
  readonly mode: TesterMode;
  readonly url: string;
  /** The Origin to probe as ("Probe as another origin" only; the browser run uses the page's own). */
  readonly origin: string;
  readonly method: string;
  readonly headers: readonly HeaderRow[];
  readonly bodyType: BodyType;
  readonly body: string;
  readonly credentials: BrowserCredentials;
  /** Let the server probe send the actual request for methods other than GET/HEAD too. */
  readonly sendActual: boolean;
  /** The browser run's cache mode: "no-store" always preflights afresh; "default" may reuse a cached preflight. */
  readonly browserCache: BrowserCache;
}

export const PRESET_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export const EMPTY_FORM: TesterForm = {
  mode: "browser",
  url: "",
  origin: "",
  method: "GET",
  headers: [],
  bodyType: "none",
  body: "",
  credentials: "omit",
  sendActual: false,
  browserCache: "no-store",
};

/**
 * The Content-Type each body type sends. Only the last one is
 * CORS-safelisted besides form-urlencoded (Fetch Standard §2.2.2,
 * "CORS-safelisted request-header"): application/json is not, so a JSON body
 * always makes the browser send a preflight first.
 */
export const BODY_CONTENT_TYPES: Record<Exclude<BodyType, "none">, string> = {
  json: "application/json",
  form: "application/x-www-form-urlencoded",
  text: "text/plain;charset=UTF-8",
};


/** GET and HEAD have no side effects by definition; every other method may change data on the server. */
export const isSafeMethod = (method: string) => ["GET", "HEAD"].includes(method.trim().toUpperCase());

/** The method as typed, as fetch() sends it: trimmed, then normalized (the core's Fetch "normalize a method"). */
export const typedMethod = (method: string): string => normalizeMethod(method.trim());

/** The request headers as sent: the rows with a name, plus the body's Content-Type unless a row sets one. */
export function requestHeaders(form: TesterForm): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const row of form.headers) {
    const name = row.name.trim();
    if (name) headers[name] = row.value;
  }
  const hasContentType = Object.keys(headers).some((n) => n.toLowerCase() === "content-type");
  if (form.bodyType !== "none" && !hasContentType) headers["Content-Type"] = BODY_CONTENT_TYPES[form.bodyType];
  return headers;
}

/** Whether the text is a serialized origin as the API takes it (scheme://host[:port], or "null"). */
export function originProblem(value: string): string | undefined {
  const text = value.trim();
  if (!text) return "Give the origin to probe as, e.g. https://app.example.com.";
  const checked = checkRequestOrigin(text);
  if (checked.ok) return undefined;
  if (checked.problem === "not-serialized") return `Give the serialized origin only (no path, query or trailing slash): ${checked.serialized}.`;
  if (checked.problem === "scheme") return "Use an http:// or https:// origin.";
  return "Give a serialized origin: scheme, host and optional port, e.g. https://app.example.com.";
}

export function urlProblem(value: string): string | undefined {
  const text = value.trim();
  if (!text) return "Give the URL to request, e.g. https://api.example.com/items.";
  const checked = checkRequestUrl(text);
  if (checked.ok) return undefined;
  if (checked.problem === "not-absolute") return "Give an absolute http:// or https:// URL, e.g. https://api.example.com/items (a relative path would hit the dashboard itself).";
  if (checked.problem === "scheme") return `Only http:// and https:// URLs can be tested, not ${checked.protocol}.`;
  return "Remove the user name and password from the URL: fetch() refuses such URLs.";
}

export const SAME_ORIGIN_TARGET_MESSAGE =
  "This is Corsboard itself: a same-origin request is not a CORS request, and it would run as you. Test your service's URL instead.";

/**
 * Whether the browser run would target the dashboard's own origin. Such a
 * fetch() is same-origin (Fetch Standard §4.1 main fetch: "same-origin" is
 * never a CORS request), so it says nothing about CORS — and it carries the
 * signed-in user's session, so a crafted tester link could change data as
 * whoever clicks it.
 */
export function isDashboardOrigin(url: string, pageOrigin: string | undefined): boolean {
  if (!pageOrigin) return false;
  try {
    return new URL(url.trim()).origin === pageOrigin;
  } catch {
    return false;
  }
}

/**
 * Field errors of the form, keyed `url`, `origin`, `method`, `headers.<i>`,
 * `body` (empty when it can run). `pageOrigin` is the dashboard's origin: the
 * browser run refuses to target it.
 */
export function validateForm(form: TesterForm, pageOrigin?: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const url = urlProblem(form.url);
  if (url) errors.url = url;
  else if (form.mode === "browser" && isDashboardOrigin(form.url, pageOrigin)) errors.url = SAME_ORIGIN_TARGET_MESSAGE;
  if (form.mode === "server") {
    const origin = originProblem(form.origin);
    if (origin) errors.origin = origin;
  }
  const method = form.method.trim();
  if (!method) errors.method = "Give the method, e.g. GET or PUT.";
  else if (!isToken(method)) errors.method = "A method is one word of letters, digits and !#$%&'*+-.^_`|~ (no spaces).";
  else if (["CONNECT", "TRACE", "TRACK"].includes(method.toUpperCase())) errors.method = `${method.toUpperCase()} is a forbidden method: fetch() refuses to send it.`;
  form.headers.forEach((row, i) => {
    const name = row.name.trim();
    if (!name && !row.value) return;
    if (!name) errors[`headers.${i}`] = "Give the header's name, or clear its value.";
    else if (!isToken(name)) errors[`headers.${i}`] = `"${name}" is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~ only).`;
    else if (/[\r\n\0]/.test(row.value)) errors[`headers.${i}`] = "Header values can't contain line breaks.";
  });
  if (form.bodyType !== "none" && isSafeMethod(method)) errors.body = `A ${method.toUpperCase()} request can't have a body (fetch() throws); pick "None" or another method.`;
  else if (form.bodyType === "json" && form.body.trim()) {
    try {
      JSON.parse(form.body);
    } catch {
      errors.body = "The body is not valid JSON (it would be sent anyway; fix it or pick text/plain).";
    }
  }
  return errors;
}

/**
 * The fetch() the browser run makes: a real CORS request from the
 * dashboard's origin. `cache: "no-store"` keeps the HTTP cache out of it and
 * — in Chromium, measured — the CORS-preflight cache too, so the browser asks
 * the server afresh; `"default"` lets Chromium reuse a cached preflight as an
 * ordinary page would (Fetch Standard §4.8, CORS-preflight cache).
 */
export function buildFetchInit(form: TesterForm): { url: string; init: RequestInit } {
  const method = typedMethod(form.method);
  return {
    url: form.url.trim(),
    init: {
      method,
      headers: requestHeaders(form),
      body: form.bodyType === "none" ? undefined : form.body,
      credentials: form.credentials,
      mode: "cors",
      cache: form.browserCache,
      redirect: "follow",
    },
  };
}

/**
 * fetch()'s "same-origin" sends cookies only to the page's own origin, so for
 * a cross-origin target it behaves as "omit"; the probe only knows omit and include.
 */
export function probeCredentials(credentials: BrowserCredentials, targetUrl: string, pageOrigin: string): "omit" | "include" {
  if (credentials === "include") return "include";
  if (credentials === "omit") return "omit";
  try {
    return new URL(targetUrl).origin === pageOrigin ? "include" : "omit";
  } catch {
    return "omit";
  }
}

/** The request for POST /api/v1/probe (and for saving), with the origin the run uses. */
export function buildProbeRequest(form: TesterForm, pageOrigin: string): TesterRequest {
  const origin = form.mode === "browser" ? pageOrigin : form.origin.trim();
  return {
    url: form.url.trim(),
    origin,
    method: typedMethod(form.method),
    headers: requestHeaders(form),
    credentials: form.mode === "browser" ? probeCredentials(form.credentials, form.url.trim(), pageOrigin) : form.credentials === "include" ? "include" : "omit",
    sendActual: form.sendActual && !isSafeMethod(form.method),
    browserCredentials: form.credentials,
    ...(form.mode === "browser" && form.browserCache === "default" ? { browserCache: "default" as const } : {}),
    ...(form.bodyType === "none" ? {} : { body: { type: form.bodyType, text: form.body } }),
  };
}

/** Only the fields POST /api/v1/probe takes (its schema is strict): body and browser-only modes stay with the record. */
export function toProbeApiRequest(request: TesterRequest): ProbeRequest {
  return { url: request.url, origin: request.origin, method: request.method, headers: request.headers, credentials: request.credentials, sendActual: request.sendActual };
}

const BODY_TYPES: readonly BodyType[] = ["none", "json", "form", "text"];
const CREDENTIALS: readonly BrowserCredentials[] = ["omit", "same-origin", "include"];

/**
 * A form prefilled from a link (`/tester?url=…&method=…&origin=…&header=Name:%20value&body=…&bodyType=json&credentials=include`),
 * so other pages (environment page, migration report) can open the tester
 * ready to run. An `origin` switches to "Probe as another origin".
 */
export function formFromSearchParams(params: URLSearchParams): TesterForm {
  const get = (name: string) => params.get(name) ?? undefined;
  const bodyType = get("bodyType");
  const credentials = get("credentials");
  const mode = get("mode");
  const origin = get("origin");
  const headers: HeaderRow[] = params.getAll("header").flatMap((line) => {
    const colon = line.indexOf(":");
    if (colon <= 0) return [];
    return [{ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() }];
  });
  return {
    mode: mode === "server" || mode === "browser" ? mode : origin ? "server" : "browser",
    url: get("url") ?? "",
    origin: origin ?? "",
    method: get("method") ?? "GET",
    headers,
    bodyType: BODY_TYPES.includes(bodyType as BodyType) ? (bodyType as BodyType) : "none",
    body: get("body") ?? "",
    credentials: CREDENTIALS.includes(credentials as BrowserCredentials) ? (credentials as BrowserCredentials) : "omit",
    sendActual: get("sendActual") === "1",
    browserCache: get("cache") === "default" ? "default" : "no-store",
  };
}

/** A body longer than this stays out of the "Run again" link (URLs end up in history, logs and proxies, and have length limits). */
export const RUN_AGAIN_MAX_BODY_BYTES = 2048;

/** Whether a header's value must not travel in a link: a credential, or a value masked when the result was saved. */
function isSecretHeader(name: string, value: string): boolean {
  return value === MASKED_HEADER_VALUE || maskSecretHeaders({ [name]: value })[name] === MASKED_HEADER_VALUE;
}

/** What "Run again" leaves for the user to fill in: credential header names, and whether the body was dropped. */
export function runAgainOmissions(request: TesterRequest): { headers: string[]; bodyBytes: number | null } {
  const headers = Object.entries(request.headers)
    .filter(([name, value]) => isSecretHeader(name, value))
    .map(([name]) => name);
  const bodyBytes = request.body ? new TextEncoder().encode(request.body.text).length : 0;
  return { headers, bodyBytes: bodyBytes > RUN_AGAIN_MAX_BODY_BYTES ? bodyBytes : null };
}

/**
 * The query string that reopens the tester with a saved request ("Run
 * again"). Credential headers come back with an empty value and a body over
 * 2 KiB stays out: the user fills them in (see runAgainOmissions).
 */
export function searchParamsFromRequest(request: TesterRequest, mode: TesterMode): URLSearchParams {
  const params = new URLSearchParams({ mode, url: request.url, method: request.method });
  if (mode === "server") params.set("origin", request.origin);
  const bodyType = request.body?.type ?? "none";
  const contentType = bodyType === "none" ? undefined : BODY_CONTENT_TYPES[bodyType];
  for (const [name, value] of Object.entries(request.headers)) {
    // The body type brings its own Content-Type back; only a different one is a header row.
    if (name.toLowerCase() === "content-type" && value === contentType) continue;
    params.append("header", `${name}: ${isSecretHeader(name, value) ? "" : value}`);
  }
  if (request.body) {
    params.set("bodyType", request.body.type);
    if (request.body.text && runAgainOmissions(request).bodyBytes === null) params.set("body", request.body.text);
  }
  params.set("credentials", request.browserCredentials ?? request.credentials);
  if (request.sendActual) params.set("sendActual", "1");
  if (request.browserCache === "default") params.set("cache", "default");
  return params;
}

/** "https://app.example.com can PUT /orders" — a name that says what the check proves. */
export function suggestCheckName(request: Pick<TesterRequest, "origin" | "method" | "url" | "credentials">): string {
  let path = request.url;
  try {
    const u = new URL(request.url);
    path = `${u.host}${u.pathname}`;
  } catch {
    // keep the raw text
  }
  return `${request.origin} can ${request.method} ${path}${request.credentials === "include" ? " with credentials" : ""}`.slice(0, 200);
}
