// Helpers for wildcard patterns and for reading Origin header values.
//
// Pattern semantics (the contract, see README):
// - `https://*.example.com` matches one or more labels under `example.com`
//   (`a.example.com`, `a.b.example.com`), never `example.com` itself, never
//   `evil-example.com` or `example.com.evil.net`. Scheme and port must match.
// - `http://localhost:*` matches that scheme and host on any port, the default
//   port included.
// - A wildcard directly over a public suffix (`*.com`, `*.co.uk`, `*.github.io`)
//   is refused: the Public Suffix List (ICANN and private sections, via tldts)
//   decides, so `*.vercel.app` is refused like `*.com`.

import { parse as parseDomain } from "tldts";
import type { Scheme } from "./types";

// Hosts given to tldts are already canonical (URL Standard) hosts: don't let it
// re-extract or re-validate them (it refuses some hosts browsers accept, like "-.example.com").
const TLDTS_OPTIONS = { allowPrivateDomains: true, detectIp: true, extractHostname: false, validateHostname: false } as const;

/**
 * `true` when `host` is itself a public suffix, i.e. names no registrable
 * domain: `com`, `co.uk`, `github.io`, and any unlisted single label (tldts
 * applies the PSL's default rule `*`). `localhost` is the exception: RFC 6761
 * reserves it for loopback, so `http://*.localhost:3000` is a sane dev pattern.
 */
export function isPublicSuffix(host: string): boolean {
  if (host === "localhost") return false;
  const info = parseDomain(host, TLDTS_OPTIONS);
  if (info.isIp) return false;
  return info.publicSuffix === host;
}

/** The registrable domain ("eTLD+1") of a host per the Public Suffix List, or `null`. */
export function registrableDomain(host: string): string | null {
  const info = parseDomain(host, TLDTS_OPTIONS);
  return info.isIp ? null : info.domain;
}

export interface SerializedOriginParts {
  readonly scheme: Scheme;
  readonly host: string;
  /** `null` = default port. */
  readonly port: number | null;
}

// An Origin header value as browsers send it: the URL Standard's ASCII
// serialization of an origin (https://html.spec.whatwg.org/#ascii-serialisation-of-an-origin).
// Lowercase host, no trailing dot, no default port, no leading zeros.
const SERIALIZED_ORIGIN = /^(https?):\/\/([a-z0-9_-]+(?:\.[a-z0-9_-]+)*|\[[0-9a-f:.]+\])(?::([1-9][0-9]{0,4}))?$/;

/**
 * Splits an Origin header value into scheme, host and port — strictly: only the
 * canonical serialization browsers send is accepted; anything else (uppercase,
 * a path, a default port, userinfo…) returns `null` and can't match a pattern.
 * No normalization happens on the request path, so a value can't be made to
 * match by spelling it differently.
 */
export function splitSerializedOrigin(origin: string): SerializedOriginParts | null {
  const m = SERIALIZED_ORIGIN.exec(origin);
  if (!m) return null;
  const scheme = m[1] as Scheme;
  const host = m[2] as string;
  const portText = m[3];
  if (portText === undefined) return { scheme, host, port: null };
  const port = Number(portText);
  if (port > 65535 || port === defaultPort(scheme)) return null;
  return { scheme, host, port };
}

export function defaultPort(scheme: Scheme): number {
  return scheme === "https" ? 443 : 80;
}
