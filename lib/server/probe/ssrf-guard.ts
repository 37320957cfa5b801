// The probe's SSRF guard: which targets Corsboard may connect to, and a DNS
// lookup pinned to the checked address so the name cannot be re-resolved
// (DNS rebinding) between the check and the connection.

import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupAddress, LookupOptions } from "node:dns";
import { checkRequestUrl, type RequestUrlRefusal } from "@/lib/cors/request-target";
import { classifyAddress, parseIPv4, parseIPv6 } from "./address-class";
import { describeCause, type NetworkCause, type TargetRefusal } from "./probe-outcome";

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Resolves a host name to all its addresses (like `dns.lookup(name, { all: true })`). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const all = await dnsLookup(hostname, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

export interface PinnedTarget {
  readonly url: URL;
  /** Host name without IPv6 brackets: what goes into Host and TLS SNI. */
  readonly hostname: string;
  readonly port: number;
  /** The checked address every request of this probe connects to. */
  readonly address: ResolvedAddress;
  /** Every address the name resolved to. */
  readonly resolved: readonly ResolvedAddress[];
}

/** A URL the probe may send to, or why not. */
export type CheckedUrl = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly refusal: TargetRefusal };

/** Where a target resolved to: pinned (checked), refused (not public), or unresolved (DNS failed: a network error, not a refusal). */
export type ResolvedTarget =
  | { readonly kind: "pinned"; readonly target: PinnedTarget }
  | { readonly kind: "refused"; readonly refusal: TargetRefusal }
  | { readonly kind: "unresolved"; readonly cause: NetworkCause };

/** A failed lookup (what a Resolver built by lookupWithTimeout rejects with). */
export class ResolveError extends Error {
  override name = "ResolveError";
  constructor(readonly networkCause: NetworkCause) {
    super(describeCause(networkCause));
  }
}

/**
 * Only request targets as fetch() takes them (the core's one rule,
 * lib/cors/request-target.ts: absolute http(s), no user name or password),
 * with each refusal as the probe's TargetRefusal.
 */
export function checkTargetUrl(raw: string): CheckedUrl {
  const checked = checkRequestUrl(raw);
  if (checked.ok) return { ok: true, url: checked.url };
  return { ok: false, refusal: targetRefusalOf(checked) };
}

/** The core's URL problem as the probe's refusal (TargetRefusal keeps its own names: it also covers private addresses, and the e2e differential suite pins them). */
function targetRefusalOf(refusal: RequestUrlRefusal): TargetRefusal {
  switch (refusal.problem) {
    case "not-absolute":
      return { reason: "not-a-url" };
    case "scheme":
      return { reason: "scheme", protocol: refusal.protocol };
    case "userinfo":
      return { reason: "credentials-in-url" };
  }
}

function bareHost(url: URL): string {
  return url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * Resolve the URL's host and check every address; by default any address that
 * is not public (loopback, private, link-local, CGNAT, unique-local, metadata
 * 169.254.169.254, IPv4-mapped forms of those, …) refuses the probe.
 */
export async function resolveTarget(url: URL, options: { allowPrivate: boolean; resolve?: Resolver; timeoutMs?: number }): Promise<ResolvedTarget> {
  const hostname = bareHost(url);
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  let resolved: ResolvedAddress[];
  if (parseIPv4(hostname)) resolved = [{ address: hostname, family: 4 }];
  else if (parseIPv6(hostname)) resolved = [{ address: hostname, family: 6 }];
  else {
    try {
      resolved = await lookupWithTimeout(options.resolve ?? systemResolver, hostname, options.timeoutMs ?? DNS_TIMEOUT_MS);
    } catch (error) {
      if (error instanceof ResolveError) return { kind: "unresolved", cause: error.networkCause };
      const code = (error as { code?: string }).code ?? "EAI_FAIL";
      return { kind: "unresolved", cause: code === "ENOTFOUND" || code === "EAI_NONAME" ? { kind: "dns-not-found", host: hostname, code } : { kind: "dns-failed", host: hostname, code } };
    }
    if (resolved.length === 0) return { kind: "unresolved", cause: { kind: "dns-no-address", host: hostname } };
  }
  if (!options.allowPrivate) {
    for (const a of resolved) {
      const info = classifyAddress(a.address);
      if (info?.class === "public") continue;
      // A typed IP literal is echoed; for a name, only the range is named, not
      // the address it resolved to: the range is what the user needs to
      // understand the refusal (split-horizon DNS, a typo pointing at an
      // intranet host), while exact internal addresses would turn the probe
      // into a DNS oracle for Corsboard's own network for every signed-in user.
      return { kind: "refused", refusal: { reason: "private-address", host: hostname, literal: a.address === hostname, range: info?.range ?? null } };
    }
  }
  const first = resolved[0] as ResolvedAddress;
  return { kind: "pinned", target: { url, hostname, port, address: first, resolved } };
}

/** The probe's per-request timeout (http-exchange's DEFAULT_TIMEOUT_MS) also bounds each DNS lookup. */
export const DNS_TIMEOUT_MS = 5_000;

/**
 * Resolve `hostname`, failing with a ResolveError (cause dns-timeout) when the resolver has not answered within `timeoutMs`. dns.lookup
 * runs getaddrinfo on libuv's thread pool and cannot be cancelled: the thread
 * stays busy until the system resolver gives up, but the probe answers on
 * time (and a per-batch cache, resolve-cache.ts, asks once per name).
 */
export function lookupWithTimeout(resolve: Resolver, hostname: string, timeoutMs: number): Promise<ResolvedAddress[]> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      fail(new ResolveError({ kind: "dns-timeout", host: hostname, timeoutMs }));
    }, timeoutMs);
    resolve(hostname).then(
      (addresses) => {
        clearTimeout(timer);
        done(addresses);
      },
      (error: unknown) => {
        clearTimeout(timer);
        fail(error);
      },
    );
  });
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for node:net/http/https that always answers the pinned address
 * and never asks DNS again, whatever name it is asked about.
 */
export function pinnedLookup(address: ResolvedAddress) {
  return (_hostname: string, options: LookupOptions | number | LookupCallback, callback?: LookupCallback): void => {
    const cb = (typeof options === "function" ? options : callback) as LookupCallback;
    const all = typeof options === "object" && options !== null && options.all === true;
    if (all) cb(null, [{ address: address.address, family: address.family }]);
    else cb(null, address.address, address.family);
  };
}
