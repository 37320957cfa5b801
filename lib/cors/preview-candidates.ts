// The look-alike origins an attacker would try against one allowlist rule:
// the classic bugs of hand-written origin checks (startsWith/endsWith,
// unanchored or unescaped regexes, case-insensitive comparison, scheme
// downgrade, other port) plus a few origins the rule is meant to accept.
// Each candidate says whether the rule's author intends to allow it; the
// preview then asks the real matcher.

import { isIpHost } from "./host-kind";
import { registrableDomain } from "./origin-pattern";
import type { AttackKind, OriginSpec, Scheme } from "./types";

export interface Candidate {
  readonly origin: string;
  readonly attack: AttackKind;
  readonly intended: boolean;
}

const EVIL = "evil.net";

type Push = (origin: string, attack: AttackKind, intended?: boolean) => void;

// Latin letters and the Cyrillic letters that look the same.
const HOMOGLYPHS: Readonly<Record<string, string>> = { a: "\u0430", e: "\u0435", o: "\u043e", c: "\u0441", p: "\u0440", x: "\u0445", i: "\u0456" };

function otherScheme(scheme: Scheme): Scheme {
  return scheme === "https" ? "http" : "https";
}

function portText(port: number | null): string {
  return port === null ? "" : `:${port}`;
}

/** A different, non-default port. */
function otherPort(scheme: Scheme, port: number | null): number {
  if (port === null) return scheme === "https" ? 8443 : 8080;
  return port === 65535 ? 65534 : port + 1;
}

/** The host with one letter replaced by its Cyrillic twin, as browsers would send it (punycode). */
function homograph(scheme: Scheme, host: string, port: string): string | null {
  const labels = host.split(".");
  for (let l = 0; l < labels.length; l++) {
    const label = labels[l] ?? "";
    if (label.startsWith("xn--")) continue;
    for (let i = 0; i < label.length; i++) {
      const twin = HOMOGLYPHS[label[i] ?? ""];
      if (twin === undefined) continue;
      const mutated = [...labels];
      mutated[l] = label.slice(0, i) + twin + label.slice(i + 1);
      try {
        return new URL(`${scheme}://${mutated.join(".")}${port}`).origin;
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The same name under another top-level domain: example.com → example.net. */
function otherTld(host: string): string | null {
  const domain = registrableDomain(host);
  if (domain === null) return null;
  const dot = domain.indexOf(".");
  const suffix = domain.slice(dot + 1);
  const alt = suffix === "net" ? "org" : "net";
  return `${host.slice(0, host.length - domain.length)}${domain.slice(0, dot)}.${alt}`;
}

/** Candidates about a concrete host (shared by exact origins and patterns). */
function hostAttacks(scheme: Scheme, host: string, port: string, push: Push, homographs = true): void {
  push(`${otherScheme(scheme)}://${host}${port}`, "scheme-twin");
  push(`${scheme}://${host.toUpperCase()}${port}`, "uppercase");
  push(`${scheme}://${host}${port}/`, "trailing-slash");
  push(`${scheme}://${host}${port}@${EVIL}`, "userinfo");
  push(`${scheme}://${host}.${EVIL}${port}`, "suffix-concatenation");
  if (isIpHost(host)) return;
  push(`${scheme}://${host}.${port}`, "trailing-dot");
  const first = host.indexOf(".");
  const last = host.lastIndexOf(".");
  if (first > 0) push(`${scheme}://${host.slice(0, first)}x${host.slice(first + 1)}${port}`, "unescaped-dot");
  if (last > 0) push(`${scheme}://${host.slice(0, last)}x${host.slice(last + 1)}${port}`, "unescaped-dot");
  if (last > 0) push(`${scheme}://${host.slice(0, last)}-${host.slice(last + 1)}.${EVIL}${port}`, "suffix-concatenation");
  const tld = otherTld(host);
  if (tld !== null) push(`${scheme}://${tld}${port}`, "other-tld");
  if (!homographs) return;
  const twin = homograph(scheme, host, port);
  if (twin !== null) push(twin, "homograph");
}

/** Look-alike and intended origins for one rule, without duplicates. */
export function generateCandidates(spec: OriginSpec): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const push = (origin: string, attack: AttackKind, intended = false) => {
    if (seen.has(origin)) return;
    seen.add(origin);
    out.push({ origin, attack, intended });
  };

  switch (spec.kind) {
    case "any":
      for (const origin of ["https://evil.net", "http://localhost:1234", "null", "https://xn--80ak6aa92e.com"]) push(origin, "intended", true);
      return out;
    case "null":
      push("null", "intended", true);
      push("Null", "uppercase");
      push("NULL", "uppercase");
      push("https://null", "other-origin");
      push("null/", "trailing-slash");
      return out;
    case "exact":
      return exactCandidates(spec.scheme, spec.host, spec.port, push, out);
    case "pattern":
      return spec.subdomains ? subdomainCandidates(spec.scheme, spec.host, spec.port, push, out) : portWildcardCandidates(spec.scheme, spec.host, push, out);
  }
}

function exactCandidates(scheme: Scheme, host: string, port: number | null, push: Push, out: Candidate[]): Candidate[] {
  const p = portText(port);
  push(`${scheme}://${host}${p}`, "intended", true);
  push(`${scheme}://${host}:${otherPort(scheme, port)}`, "other-port");
  if (port === null) push(`${scheme}://${host}:${scheme === "https" ? 443 : 80}`, "explicit-default-port");
  else push(`${scheme}://${host}`, "other-port");
  hostAttacks(scheme, host, p, push);
  if (!isIpHost(host)) {
    push(`${scheme}://evil.${host}${p}`, "extra-subdomain");
    push(`${scheme}://evil-${host}${p}`, "prefix-concatenation");
    push(`${scheme}://evil${host}${p}`, "prefix-concatenation");
    const domain = registrableDomain(host);
    if (domain !== null && domain !== host) {
      push(`${scheme}://${domain}${p}`, "parent-domain");
      push(`${scheme}://evil.${domain}${p}`, "sibling-subdomain");
    }
  }
  push("null", "null-origin");
  return out;
}

function subdomainCandidates(scheme: Scheme, base: string, port: number | null | "*", push: Push, out: Candidate[]): Candidate[] {
  const anyPort = port === "*";
  const p = anyPort ? "" : portText(port);
  push(`${scheme}://app.${base}${p}`, "intended", true);
  push(`${scheme}://a.b.${base}${p}`, "extra-subdomain", true);
  push(`${scheme}://${base}${p}`, "apex");
  const other = otherPort(scheme, anyPort ? null : port);
  push(`${scheme}://app.${base}:${other}`, "other-port", anyPort);
  if (!anyPort && port !== null) push(`${scheme}://app.${base}`, "other-port");
  // (no homograph of "app": a look-alike label under the base still is a subdomain the wildcard means)
  hostAttacks(scheme, `app.${base}`, p, push, false);
  push(`${scheme}://evil-${base}${p}`, "prefix-concatenation");
  push(`${scheme}://evil${base}${p}`, "prefix-concatenation");
  push(`${scheme}://${base}.${EVIL}${p}`, "suffix-concatenation");
  const domain = registrableDomain(base);
  if (domain !== null && domain !== base) {
    push(`${scheme}://${domain}${p}`, "parent-domain");
    push(`${scheme}://evil.${domain}${p}`, "sibling-subdomain");
  }
  const tld = otherTld(base);
  if (tld !== null) push(`${scheme}://app.${tld}${p}`, "other-tld");
  const twin = homograph(scheme, base, p);
  if (twin !== null) push(twin.replace("://", "://app."), "homograph");
  push("null", "null-origin");
  return out;
}

function portWildcardCandidates(scheme: Scheme, host: string, push: Push, out: Candidate[]): Candidate[] {
  push(`${scheme}://${host}:3000`, "intended", true);
  push(`${scheme}://${host}:1`, "other-port", true);
  push(`${scheme}://${host}:65535`, "other-port", true);
  push(`${scheme}://${host}`, "other-port", true);
  push(`${scheme}://${host}:${scheme === "https" ? 443 : 80}`, "explicit-default-port");
  hostAttacks(scheme, host, ":3000", push);
  if (!isIpHost(host)) {
    push(`${scheme}://evil.${host}:3000`, "extra-subdomain");
    push(`${scheme}://evil${host}:3000`, "prefix-concatenation");
  }
  push("null", "null-origin");
  return out;
}
