import type { EvaluateResult } from "../cors";
import { refusalOf } from "./refusal";
import type { CorsboardClient } from "./types";

/** Request headers as Node (`req.headers`), the Fetch API (`Headers`) or anything with `get()` has them. */
export type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

export interface CorsRequest {
  method: string;
  headers: HeaderSource;
}

export interface HandleResult {
  /** Answer with this status and no body (preflights: 204/403; no-Origin rejected: 403), or null: run your handler. */
  status: number | null;
  /** Headers to set on the response; append `Vary` to an existing one (see appendVary). */
  headers: Readonly<Record<string, string>>;
  allowed: boolean;
  kind: EvaluateResult["kind"];
  reason: EvaluateResult["reason"];
}

export function readHeader(headers: HeaderSource, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(n: string): string | null }).get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

/**
 * The framework-free decision: what to answer to one request, from the
 * core's evaluateRequest on the client's policy in force. Rejected origins
 * get no CORS headers (only Vary) and a warn line saying why and what to
 * change (rate-limited, see refusal.ts); it never throws (an unexpected error
 * fails closed: preflights 403, no CORS headers).
 */
export function handle(client: CorsboardClient, request: CorsRequest): HandleResult {
  return decide(client, request.method, request.headers, readHeader);
}

/**
 * handle() with the header reader of the adapter (Node's `req.headers` is read
 * directly by the Node middleware). The result is the core's own object, not a
 * copy: nothing is allocated here on an allowed request.
 */
export function decide<H>(client: CorsboardClient, method: string, headers: H, read: (headers: H, name: string) => string | null): HandleResult {
  let origin: string | null = null;
  try {
    origin = read(headers, "origin");
    const result = client.evaluate({
      method,
      origin,
      accessControlRequestMethod: read(headers, "access-control-request-method"),
      accessControlRequestHeaders: read(headers, "access-control-request-headers"),
      accessControlRequestPrivateNetwork: read(headers, "access-control-request-private-network"),
    });
    if (origin === null) {
      if (!result.allowed) client.reportRefusal({ origin, requestKind: result.kind, method, refusal: { kind: "no-origin" }, reason: result.reason });
      return result;
    }
    // A credentialed request (it carries cookies) to a policy without credentials: allowed by the
    // policy, refused by the browser. Same-origin requests (Sec-Fetch-Site) aren't CORS and don't count.
    const credentialed =
      result.allowed &&
      result.kind === "actual" &&
      result.headers["Access-Control-Allow-Credentials"] === undefined &&
      read(headers, "cookie") !== null &&
      read(headers, "sec-fetch-site") !== "same-origin";
    const refusal = result.allowed && !credentialed ? null : refusalOf(result, credentialed);
    client.recordObserved(origin, result.allowed, refusal);
    if (refusal) client.reportRefusal({ origin, requestKind: result.kind, method, refusal, reason: result.reason });
    return result;
  } catch (error) {
    client.logger.error(`CORS: evaluation failed, denying: ${error instanceof Error ? error.message : String(error)}`);
    const preflight = method === "OPTIONS" && origin !== null && !!read(headers, "access-control-request-method");
    return {
      status: preflight ? 403 : null,
      headers: { Vary: "Origin" },
      allowed: false,
      kind: preflight ? "preflight" : origin === null ? "no-origin" : "actual",
      reason: { code: "origin-not-allowed", message: "evaluation failed" },
    };
  }
}

/** `existing` Vary plus the tokens of `added` it lacks (case-insensitive); `*` stays `*`. */
export function appendVary(existing: string | null | undefined, added: string): string {
  if (!existing) return added;
  const tokens = existing.split(",").map((t) => t.trim()).filter(Boolean);
  if (tokens.includes("*")) return "*";
  const lower = new Set(tokens.map((t) => t.toLowerCase()));
  for (const t of added.split(",").map((x) => x.trim()).filter(Boolean)) {
    if (!lower.has(t.toLowerCase())) {
      tokens.push(t);
      lower.add(t.toLowerCase());
    }
  }
  return tokens.join(", ");
}
