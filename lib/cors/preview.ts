// Adversarial preview: for one allowlist rule, the look-alike origins an
// attacker would try and what the compiled matcher says about each — the same
// matcher `evaluateRequest` uses, so the preview can't disagree with a service.

import { buildMatcher } from "./origin-matcher";
import { registrableDomain, splitSerializedOrigin } from "./origin-pattern";
import { readOriginRules } from "./origin-rules";
import { generateCandidates, type Candidate } from "./preview-candidates";
import type { AttackKind, CompiledPolicy, OriginMatch, OriginRuleInput, OriginSpec, PreviewCandidate, PreviewResult } from "./types";

export interface PreviewOptions {
  /** Clock for rule expiry; epoch milliseconds or a Date. Default: `Date.now()`. */
  readonly now?: number | Date;
  /** Ask this whole policy instead of the rule alone (shows look-alikes another rule lets in). */
  readonly policy?: CompiledPolicy;
}

/** Why an origin of this kind is (or should be) refused — the bug it probes. */
function attackWhy(attack: AttackKind, origin: string, rule: OriginSpec): string {
  const host = splitSerializedOrigin(origin)?.host;
  const site = host ? registrableDomain(host) : null;
  switch (attack) {
    case "intended":
      return rule.kind === "any" ? "* accepts every origin." : `The rule ${rule.value} is meant to allow this origin.`;
    case "scheme-twin":
      return "Same host, other scheme: a different origin, and an http:// page can be tampered with by anyone on the network path.";
    case "other-port":
      return rule.kind === "pattern" && rule.port === "*" ? "A port wildcard allows every port, the default one included." : "Same host, other port: a different origin, possibly another service.";
    case "explicit-default-port":
      return "Browsers never write the default port in the Origin header; this spelling only comes from hand-made requests.";
    case "apex":
      return "A wildcard needs at least one label before the domain: the apex is not included.";
    case "extra-subdomain":
      return rule.kind === "pattern" && rule.subdomains ? "Wildcards match one or more labels: deeper subdomains are allowed too." : "A subdomain is a different origin.";
    case "sibling-subdomain":
      return "Another subdomain of the same site is a different origin.";
    case "parent-domain":
      return "The parent domain is a different origin.";
    case "prefix-concatenation":
      return `${host ?? origin} only ends with the same text; it is someone else's domain (the endsWith / unanchored-regex bug).`;
    case "suffix-concatenation":
      return `${host ?? origin} belongs to ${site ?? "another domain"} (the startsWith / unanchored-regex bug).`;
    case "unescaped-dot":
      return "A regular expression with an unescaped dot would accept this other domain.";
    case "other-tld":
      return "The same name under another top-level domain is someone else's domain.";
    case "uppercase":
      return "Browsers send origins in lowercase; matching is exact, so other spellings match nothing.";
    case "trailing-dot":
      return "A host with a trailing dot is a different origin.";
    case "trailing-slash":
      return "Not a serialized origin (an Origin header has no path).";
    case "userinfo":
      return `Not an origin: the host of this URL is ${hostAfterAt(origin)}, what comes before "@" is a user name.`;
    case "homograph":
      return `Looks like the allowed host but is ${host ?? origin}, another domain written with look-alike letters.`;
    case "null-origin":
      return "Sandboxed iframes and file: pages send the null origin; it only matches if null is listed.";
    case "other-origin":
      return "A different origin.";
  }
}

function hostAfterAt(origin: string): string {
  return origin.slice(origin.lastIndexOf("@") + 1);
}

function verdict(candidate: Candidate, match: OriginMatch, rule: OriginSpec): string {
  const base = attackWhy(candidate.attack, candidate.origin, rule);
  if (match.matched) {
    if (candidate.intended) return `Accepted. ${base}`;
    return `ACCEPTED by ${match.rule.origin.value} (entry ${match.rule.index + 1}) — review that rule. ${base}`;
  }
  if (match.expired !== null) return `Rejected: the matching rule ${match.expired.origin.value} has expired. ${base}`;
  return candidate.intended ? `Rejected, although the rule is meant to allow it. ${base}` : `Rejected. ${base}`;
}

/**
 * Lists look-alike origins for one rule (text or rule object) and whether it
 * accepts each. Returns the parse problems instead when the rule is invalid.
 */
export function previewRule(input: string | OriginRuleInput, options: PreviewOptions = {}): PreviewResult {
  const { rules, problems } = readOriginRules([input]);
  const rule = rules[0];
  if (problems.length > 0 || rule === undefined) return { ok: false, problems };
  const now = options.now instanceof Date ? options.now.getTime() : options.now;
  const match = options.policy?.match ?? buildMatcher(rules).match;
  const candidates: PreviewCandidate[] = generateCandidates(rule.origin).map((candidate) => {
    const m = match(candidate.origin, now);
    return {
      origin: candidate.origin,
      attack: candidate.attack,
      intended: candidate.intended,
      accepted: m.matched,
      why: verdict(candidate, m, rule.origin),
    };
  });
  return { ok: true, rule: rule.origin, candidates };
}
