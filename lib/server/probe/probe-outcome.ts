// What a probe comes to, as data: refused (the SSRF guard or the URL rules
// said no; nothing was sent), unreachable (a request got no response, with
// the network cause), or answered (every request that was sent got a
// response, or fetch() itself would reject the request before sending).
// Callers switch on `kind`; the sentences people read are rendered from the
// data here and never parsed back.

import { AppError } from "@/lib/server/errors";
import type { ProbeResult } from "./run-probe";

/** Why the probe would not send anything to a target. */
export type TargetRefusal =
  | { readonly reason: "not-a-url" }
  | { readonly reason: "scheme"; readonly protocol: string }
  | { readonly reason: "credentials-in-url" }
  /**
   * An address that is not public (loopback, private, link-local, …).
   * `literal`: the host was typed as that IP address (then it is echoed);
   * for a name only the range is said, never the internal address it
   * resolved to (see ssrf-guard.ts).
   */
  | { readonly reason: "private-address"; readonly host: string; readonly literal: boolean; readonly range: string | null };

/** Why a request of the probe got no response. */
export type NetworkCause =
  | { readonly kind: "dns-not-found"; readonly host: string; readonly code: string }
  | { readonly kind: "dns-no-address"; readonly host: string }
  | { readonly kind: "dns-failed"; readonly host: string; readonly code: string }
  | { readonly kind: "dns-timeout"; readonly host: string; readonly timeoutMs: number }
  /** Nothing came back within the probe's timeout. */
  | { readonly kind: "timeout"; readonly timeoutMs: number }
  /** A socket or TLS error: node's code (null when it gave none), and its message when the code has no sentence of ours. */
  | { readonly kind: "connection"; readonly code: string | null; readonly detail: string | null; readonly tls: boolean };

export type ProbeOutcome =
  | { readonly kind: "refused"; readonly refusal: TargetRefusal }
  | { readonly kind: "unreachable"; readonly cause: NetworkCause; readonly result: ProbeResult }
  | { readonly kind: "answered"; readonly result: ProbeResult };

/** How to lift a private-address refusal on the server (the API's default hint). */
export const SERVER_REFUSAL_HINT = "Set CORSBOARD_PROBE_ALLOW_PRIVATE=1 on the Corsboard server to probe private addresses for local testing.";

/** The refusal in words; `hint` says how to lift a private-address refusal where the probe runs. */
export function describeRefusal(refusal: TargetRefusal, hint: string = SERVER_REFUSAL_HINT): string {
  switch (refusal.reason) {
    case "not-a-url":
      return "Use an absolute http:// or https:// URL, e.g. https://api.example.com/items.";
    case "scheme":
      return `Only http:// and https:// URLs can be probed, not ${refusal.protocol}.`;
    case "credentials-in-url":
      return "Remove the user name and password from the URL (browsers refuse fetch() of such URLs).";
    case "private-address": {
      const where = refusal.literal ? `${refusal.host} is` : `${refusal.host} resolves (from the Corsboard server) to an address`;
      return `Corsboard does not probe addresses on its own network: ${where} in ${refusal.range ?? "an unrecognized address range"}. ${hint}`;
    }
  }
}

/** A refusal as the API answers it: 422 target_not_allowed naming the URL field. */
export function refusalError(refusal: TargetRefusal, field = "body.url", hint?: string): AppError {
  const message = describeRefusal(refusal, hint);
  return new AppError(422, "target_not_allowed", message, [{ field, code: "target_not_allowed", message }]);
}

/** Node's codes with a sentence of ours. */
const CONNECTION_MESSAGES: Readonly<Record<string, string>> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset by the server",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "timed out",
  EPIPE: "connection closed by the server",
  ENOTFOUND: "DNS lookup failed",
};

/** The cause in words, e.g. "connection refused (ECONNREFUSED)". */
export function describeCause(cause: NetworkCause): string {
  switch (cause.kind) {
    case "dns-not-found":
      return `DNS lookup failed: ${cause.host} does not resolve (${cause.code})`;
    case "dns-no-address":
      return `DNS lookup failed: ${cause.host} has no address`;
    case "dns-failed":
      return `DNS lookup of ${cause.host} failed (${cause.code})`;
    case "dns-timeout":
      return `DNS lookup of ${cause.host} timed out after ${cause.timeoutMs / 1000} s`;
    case "timeout":
      return `no response within ${cause.timeoutMs / 1000} s (timed out)`;
    case "connection": {
      const known = cause.code === null ? undefined : CONNECTION_MESSAGES[cause.code];
      const suffix = cause.code === null ? "" : ` (${cause.code})`;
      return `${known ?? cause.detail ?? "connection failed"}${suffix}`;
    }
  }
}

/** A socket error as a cause: classified once, from node's code (and its message for TLS). */
export function connectionCause(error: { code?: string | undefined; message: string }): NetworkCause {
  const code = error.code ?? null;
  const tls = /certificate|CERT|SSL|TLS/.test(`${error.message} ${code ?? ""}`);
  return { kind: "connection", code, detail: code !== null && CONNECTION_MESSAGES[code] ? null : error.message, tls };
}

/** Codes that mean nothing listens or routes at that host:port (not a reset, not TLS). */
const HOST_DOWN_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "EHOSTDOWN", "ENOTFOUND"]);

/**
 * The failure is about the host, not the request (DNS, timeout, nothing
 * listening): every other request to the same host:port would fail alike.
 */
export function isHostDown(cause: NetworkCause): boolean {
  return cause.kind !== "connection" || (cause.code !== null && HOST_DOWN_CODES.has(cause.code));
}

const DNS_FIX =
  "Check the host name: it must resolve from where Corsboard runs (for names that exist only on your machine or network, e.g. *.test or a hosts-file entry, set CORSBOARD_PROBE_HOST_MAP on the Corsboard server).";
const TIMEOUT_FIX = "Make the server answer within the probe timeout (5 s): is it up, and reachable from where Corsboard runs?";

/** The fix to show for a request that got no response, by cause (null: the simulator's own fix stands). */
export function fixForCause(cause: NetworkCause): string | null {
  switch (cause.kind) {
    case "connection":
      if (cause.tls) return "Serve a certificate that is valid for this host name and chains to a public CA: browsers refuse this connection too.";
      if (cause.code === "ENOTFOUND") return DNS_FIX;
      return cause.code === "ETIMEDOUT" ? TIMEOUT_FIX : null;
    case "dns-timeout":
      return "The DNS lookup did not answer within the probe timeout: check the host name and the resolver used by the Corsboard server.";
    case "dns-not-found":
    case "dns-no-address":
    case "dns-failed":
      return DNS_FIX;
    case "timeout":
      return TIMEOUT_FIX;
  }
}

/** The result of an outcome that has one (null for a refusal: nothing was sent). */
export function outcomeResult(outcome: ProbeOutcome): ProbeResult | null {
  return outcome.kind === "refused" ? null : outcome.result;
}
