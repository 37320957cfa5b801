import type { EvaluateResult } from "../cors";
import type { CorsboardLogger } from "./types";

/** Why the browser will refuse a cross-origin request, by the setting that would fix it. */
export type RefusalKind = "origin" | "method" | "headers" | "credentials" | "private-network" | "no-origin";

export interface Refusal {
  kind: RefusalKind;
  /** method: the method the preflight asked for. */
  method?: string;
  /** headers: the requested headers the policy does not allow. */
  headers?: readonly string[];
}

/**
 * The refusal kind of a decision, from the core's reason code; null when the
 * browser will accept the answer. `credentials`: the core allowed the origin,
 * but the request carries cookies (so the page fetched with credentials) and
 * the policy doesn't allow credentials — the browser then hides the response.
 * The decision itself is not changed for it; it is only reported.
 */
export function refusalOf(result: EvaluateResult, credentialedButNotAllowed: boolean): Refusal | null {
  switch (result.reason.code) {
    case "origin-not-allowed":
    case "origin-rule-expired":
      return { kind: "origin" };
    case "method-not-allowed":
      return { kind: "method", method: result.reason.method };
    case "headers-not-allowed":
      return { kind: "headers", headers: result.reason.headers };
    case "private-network-not-allowed":
      return { kind: "private-network" };
    case "no-origin-rejected":
      return { kind: "no-origin" };
    default:
      return credentialedButNotAllowed ? { kind: "credentials" } : null;
  }
}

/** The warn line: what was refused, why, and what to change where (the dashboard's field names). */
export function describeRefusal(input: {
  origin: string | null;
  requestKind: EvaluateResult["kind"];
  method: string;
  refusal: Refusal;
  reason: EvaluateResult["reason"];
  where: string;
}): string {
  const { origin, refusal, reason } = input;
  const at = `Corsboard → ${input.where}`;
  const o = origin === null ? "" : JSON.stringify(origin.slice(0, 200)).slice(1, -1);
  const what = input.requestKind === "preflight" ? "a preflight" : `a ${input.method.slice(0, 20)} request`;
  const head = `CORS: refused ${what}${origin === null ? " without an Origin header" : ` from ${o}`}`;
  switch (refusal.kind) {
    case "origin":
      return reason.code === "origin-rule-expired"
        ? `${head}: ${reason.message.replace(/\.$/, "")}: renew the rule in ${at} → Allowed origins`
        : `${head}: origin ${o} is not in the allowlist: add it in ${at} → Allowed origins`;
    case "method":
      return `${head}: origin ${o} is allowed but method ${refusal.method ?? "?"} is not in allowedMethods: add it in ${at} → Allowed methods`;
    case "headers": {
      const names = (refusal.headers ?? []).join(", ");
      const one = (refusal.headers ?? []).length === 1;
      return `${head}: origin ${o} is allowed but request header${one ? "" : "s"} ${names} ${one ? "is" : "are"} not in allowedHeaders: add ${one ? "it" : "them"} in ${at} → Allowed headers`;
    }
    case "credentials":
      return `${head}: origin ${o} is allowed but the request carries credentials (cookies) and allowCredentials is off, so the browser hides the response: turn on ${at} → Allow credentials, or fetch without credentials`;
    case "private-network":
      return `${head}: origin ${o} is allowed but the preflight asks for Private Network Access: turn on ${at} → Allow private network access`;
    case "no-origin":
      return `${head}: this policy rejects requests without Origin: choose "Pass through" in ${at} → Requests without an Origin header`;
  }
}

/** Distinct (origin, kind) pairs remembered; past it, the oldest are forgotten (they may log again). */
const MAX_KEYS = 10_000;

/**
 * Rate limit of the refusal warnings: at most one line per (origin, refusal
 * kind) per `intervalMs` (default a minute); the next line of a pair says how
 * many were not logged since. A service under a flood of refused requests
 * logs a few lines a minute, not one per request. `now` is the clock (tests).
 */
export function createRefusalLimiter(options: { intervalMs?: number; now?: () => number } = {}) {
  const intervalMs = options.intervalMs ?? 60_000;
  const now = options.now ?? Date.now;
  const seen = new Map<string, { at: number; suppressed: number }>();
  return {
    /** null: don't log now (counted); otherwise log, mentioning `suppressed` lines not logged before it. */
    admit(origin: string | null, kind: RefusalKind): { suppressed: number } | null {
      const key = `${kind} ${origin ?? ""}`;
      const t = now();
      const entry = seen.get(key);
      if (entry && t - entry.at < intervalMs) {
        entry.suppressed++;
        return null;
      }
      const suppressed = entry?.suppressed ?? 0;
      seen.delete(key);
      if (seen.size >= MAX_KEYS) seen.delete(seen.keys().next().value as string);
      seen.set(key, { at: t, suppressed: 0 });
      return { suppressed };
    },
  };
}

export type RefusalLimiter = ReturnType<typeof createRefusalLimiter>;

/** Logs one refusal at warn (rate-limited) and every one at debug. */
export function logRefusal(
  log: CorsboardLogger,
  limiter: RefusalLimiter,
  line: string,
  fields: { origin: string | null; kind: RefusalKind; method: string; version: number | null },
  debug: boolean,
): void {
  const admitted = limiter.admit(fields.origin, fields.kind);
  if (admitted) {
    log.warn(admitted.suppressed > 0 ? `${line} (${admitted.suppressed} more like this since the previous line were not logged)` : line, fields);
  } else if (debug) {
    log.debug(line, fields);
  }
}
