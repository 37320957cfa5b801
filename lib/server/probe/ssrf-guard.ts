// The probe's SSRF guard: which targets Corsboard may connect to, and a DNS
// lookup pinned to the checked address so the name cannot be re-resolved
// (DNS rebinding) between the check and the connection.

import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupAddress, LookupOptions } from "node:dns";
import { AppError } from "@/lib/server/errors";
import { classifyAddress, parseIPv4, parseIPv6 } from "./address-class";

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

const LIFT = "Set CORSBOARD_PROBE_ALLOW_PRIVATE=1 on the Corsboard server to probe private addresses for local testing.";

/** A 422 problem about the `url` field (`body.url` in the API). */
export function targetRefused(message: string, field = "body.url"): AppError {
  return new AppError(422, "target_not_allowed", message, [{ field, code: "target_not_allowed", message }]);
}

/** DNS failure: no address to connect to (a network error, not a refusal). */
export class ResolveError extends Error {
  override name = "ResolveError";
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** Only absolute http(s) URLs without user name or password. Throws a 422 problem otherwise. */
export function checkTargetUrl(raw: string, field = "body.url"): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw targetRefused("Use an absolute http:// or https:// URL, e.g. https://api.example.com/items.", field);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw targetRefused(`Only http:// and https:// URLs can be probed, not ${url.protocol}.`, field);
  if (url.username !== "" || url.password !== "") throw targetRefused("Remove the user name and password from the URL (browsers refuse fetch() of such URLs).", field);
  return url;
}

function bareHost(url: URL): string {
  return url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * Resolve the URL's host and check every address; by default any address that
 * is not public (loopback, private, link-local, CGNAT, unique-local, metadata
 * 169.254.169.254, IPv4-mapped forms of those, …) refuses the probe.
 */
export async function resolveTarget(
  url: URL,
  options: { allowPrivate: boolean; resolve?: Resolver; field?: string; hint?: string; timeoutMs?: number },
): Promise<PinnedTarget> {
  const field = options.field ?? "body.url";
  const hostname = bareHost(url);
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  let resolved: ResolvedAddress[];
  if (parseIPv4(hostname)) resolved = [{ address: hostname, family: 4 }];
  else if (parseIPv6(hostname)) resolved = [{ address: hostname, family: 6 }];
  else {
    try {
      resolved = await lookupWithTimeout(options.resolve ?? systemResolver, hostname, options.timeoutMs ?? DNS_TIMEOUT_MS);
    } catch (error) {
      if (error instanceof ResolveError) throw error;
      const code = (error as { code?: string }).code ?? "EAI_FAIL";
      throw new ResolveError(code === "ENOTFOUND" || code === "EAI_NONAME" ? `DNS lookup failed: ${hostname} does not resolve (${code})` : `DNS lookup of ${hostname} failed (${code})`, code);
    }
    if (resolved.length === 0) throw new ResolveError(`DNS lookup failed: ${hostname} has no address`, "ENODATA");
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
      const where = a.address === hostname ? `${hostname} is` : `${hostname} resolves (from the Corsboard server) to an address`;
      throw targetRefused(
        `Corsboard does not probe addresses on its own network: ${where} in ${info?.range ?? "an unrecognized address range"}. ${options.hint ?? LIFT}`,
        field,
      );
    }
  }
  const first = resolved[0] as ResolvedAddress;
  return { url, hostname, port, address: first, resolved };
}

/** The probe's per-request timeout (http-exchange's DEFAULT_TIMEOUT_MS) also bounds each DNS lookup. */
export const DNS_TIMEOUT_MS = 5_000;

/**
 * Resolve `hostname`, failing with a ResolveError ("DNS lookup of X timed
 * out") when the resolver has not answered within `timeoutMs`. dns.lookup
 * runs getaddrinfo on libuv's thread pool and cannot be cancelled: the thread
 * stays busy until the system resolver gives up, but the probe answers on
 * time (and a per-batch cache, resolve-cache.ts, asks once per name).
 */
export function lookupWithTimeout(resolve: Resolver, hostname: string, timeoutMs: number): Promise<ResolvedAddress[]> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      fail(new ResolveError(`DNS lookup of ${hostname} timed out after ${timeoutMs / 1000} s`, "ETIMEOUT"));
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
