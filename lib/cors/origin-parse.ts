// Parse one allowlist entry typed by a person (or sent by an API client) into a
// canonical origin, a wildcard pattern, `null` or `*` — or a typed problem.
//
// The canonical form is the URL Standard's serialization of an origin
// (https://url.spec.whatwg.org/#concept-url-origin,
// https://html.spec.whatwg.org/#ascii-serialisation-of-an-origin), which is
// what browsers put in the Origin header (https://fetch.spec.whatwg.org/#origin-header).
// The WHATWG `URL` global does the host work (IDN → punycode, IPv4/IPv6
// forms, percent-decoding) so the result is what a browser would send, in
// Node and in browsers alike.
//
// Input that is not canonical but has an unambiguous canonical form (uppercase,
// trailing slash, default port, a path…) is a problem whose `fix` is that form:
// stored values are always canonical, and matching is exact string comparison.

import { classifyHost, isIpHost } from "./host-kind";
import { defaultPort, isPublicSuffix } from "./origin-pattern";
import { makeProblem, quote, safeString } from "./problems";
import type { OriginSpec, ParseResult, ProblemCode, Scheme } from "./types";

/** Longest input considered at all (characters). */
export const MAX_INPUT_LENGTH = 2048;
/** Longest host name (RFC 1035). */
export const MAX_HOST_LENGTH = 253;

/** A fixable defect: the entry has a canonical form, but isn't written in it. */
type Issue =
  | { code: "userinfo"; text: string; host: string }
  | { code: "path"; text: string }
  | { code: "query"; text: string }
  | { code: "fragment"; text: string }
  | { code: "trailing-slash" }
  | { code: "default-port"; text: string; scheme: Scheme }
  | { code: "trailing-dot" }
  | { code: "not-canonical"; why: string }
  | { code: "surrounding-whitespace" };

/** Which defect names the problem when an entry has several (the fix repairs all). */
const ISSUE_PRIORITY: readonly Issue["code"][] = [
  "userinfo",
  "path",
  "query",
  "fragment",
  "trailing-slash",
  "default-port",
  "trailing-dot",
  "not-canonical",
  "surrounding-whitespace",
];

/** An entry that can't be turned into an origin on its own; `fix` is a suggestion when one is safe. */
interface Failure {
  code: ProblemCode;
  message: string;
  fix?: string;
}

type Parsed = { spec: OriginSpec; issues: Issue[] } | { failure: Failure };

/**
 * Parses one entry. `index` is copied into the problem (its position in a list).
 * Never throws.
 */
export function parseOrigin(input: string, index: number | null = 0): ParseResult {
  const fail = (code: ProblemCode, message: string, fix?: string): ParseResult => ({
    ok: false,
    problem: makeProblem(code, safeString(input), message, {
      index,
      ...(fix === undefined ? {} : { fix }),
    }),
  });
  if (typeof input !== "string") return fail("invalid-type", "An origin must be text, like https://example.com.");
  if (input.length > MAX_INPUT_LENGTH) {
    return fail("too-long", `This entry is ${input.length} characters long; an origin is scheme://host[:port], at most a few hundred characters.`);
  }
  const text = input.trim();
  if (text === "") return fail("empty", "This entry is empty. Remove it, or write an origin like https://example.com.");

  const parsed = parseTrimmed(text);
  if ("failure" in parsed) return fail(parsed.failure.code, parsed.failure.message, parsed.failure.fix);

  const issues = text === input ? parsed.issues : [...parsed.issues, { code: "surrounding-whitespace" } as const];
  if (issues.length === 0) return { ok: true, origin: parsed.spec };

  const primary = ISSUE_PRIORITY.map((code) => issues.find((i) => i.code === code)).find((i) => i !== undefined) ?? issues[0];
  if (!primary) return { ok: true, origin: parsed.spec };
  const fix = parsed.spec.value;
  // `https://trusted.example@evil.net` reads like trusted.example but its host
  // is evil.net: a one-click "fix" would silently allow the attacker's host.
  // Refuse without a fix so a person decides which host was meant.
  if (primary.code === "userinfo") return fail(primary.code, issueSentence(primary));
  const others = issues.filter((issue) => issue !== primary).map(issueShort);
  const also = others.length === 0 ? "" : ` Also fixed: ${others.join(", ")}.`;
  return fail(primary.code, `${issueSentence(primary)}${also} Use ${fix}.`, fix);
}

function issueShort(issue: Issue): string {
  switch (issue.code) {
    case "userinfo":
      return "the user name";
    case "path":
      return "the path";
    case "query":
      return "the query";
    case "fragment":
      return "the fragment";
    case "trailing-slash":
      return "the trailing slash";
    case "default-port":
      return "the default port";
    case "trailing-dot":
      return "the trailing dot";
    case "not-canonical":
      return issue.why.replace(/, .*$/, "");
    case "surrounding-whitespace":
      return "the spaces around it";
  }
}

function issueSentence(issue: Issue): string {
  switch (issue.code) {
    case "userinfo":
      return `Remove ${quote(issue.text)}: an origin has no user name or password — and in this text the host is ${issue.host}, not what comes before the @.`;
    case "path":
      return `Remove the path ${quote(issue.text)}: an origin is only scheme://host[:port], the Origin header never carries a path.`;
    case "query":
      return `Remove the query ${quote(issue.text)}: an origin has no query.`;
    case "fragment":
      return `Remove the fragment ${quote(issue.text)}: an origin has no fragment.`;
    case "trailing-slash":
      return "Remove the trailing slash: browsers send the origin without it, so this entry would never match.";
    case "default-port":
      return `Remove ${quote(issue.text)}: it is the default port of ${issue.scheme}://, which browsers leave out of the Origin header.`;
    case "trailing-dot":
      return "Remove the trailing dot of the host: browsers send it only for pages opened with the dot, which is almost never what is meant.";
    case "not-canonical":
      return `Write the origin the way browsers send it (${issue.why}).`;
    case "surrounding-whitespace":
      return "Remove the spaces around the origin.";
  }
}

/** Parses a candidate text and returns its canonical form, if it has one. */
function suggest(candidate: string): string | undefined {
  const parsed = parseTrimmed(candidate);
  return "spec" in parsed ? parsed.spec.value : undefined;
}

/** The scheme a bare host most likely wants: the one whose default port is written, else http for local dev hosts, else https. */
function suggestWithScheme(rest: string): string | undefined {
  // "example.com:80" means http://example.com, not https://example.com:80
  if (/^[^/?#]*:0*80(?:[/?#]|$)/.test(rest)) return suggest(`http://${rest}`);
  const https = suggest(`https://${rest}`);
  if (https === undefined) return undefined;
  const host = https.slice("https://".length).replace(/^\*\./, "").replace(/:(\d+|\*)$/, "");
  return classifyHost(host) === "domain" || classifyHost(host) === "public-ip" ? https : suggest(`http://${rest}`);
}

const SCHEME_PREFIX = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
const SCHEME_ONLY = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s;
// Whitespace, controls and invisible characters inside an entry: C0/C1 controls,
// the Unicode spaces, format characters (soft hyphen, zero-width, bidi) and every
// other default-ignorable code point (combining grapheme joiner, variation
// selectors, Mongolian free variation selectors, Hangul fillers…). IDNA maps
// many of them to nothing, so the URL parser would silently drop them — refuse
// them instead of offering a "fix" the person never saw.
const BAD_CHARACTER = /[\s\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
const ORIGIN_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::(?:\d+|\*))?\/?$/i;
const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const LABEL = /^[a-z0-9_-]{1,63}$/;

function failure(code: ProblemCode, message: string, fix?: string): { failure: Failure } {
  return { failure: fix === undefined ? { code, message } : { code, message, fix } };
}

/** Parses a non-empty, trimmed entry. */
function parseTrimmed(text: string): Parsed {
  if (text === "null") return { spec: { kind: "null", value: "null" }, issues: [] };
  if (text.toLowerCase() === "null") {
    return { spec: { kind: "null", value: "null" }, issues: [{ code: "not-canonical", why: "the null origin is the lowercase word null" }] };
  }
  if (text === "*") return { spec: { kind: "any", value: "*" }, issues: [] };

  // "https://a.example https://b.example", "a.example, b.example": a pasted list
  const parts = text.split(/[\s,;]+/).filter((part) => part !== "");
  const originLike = parts.filter((part) => ORIGIN_LIKE.test(part) && (part.includes("://") || part.includes(".")));
  if (parts.length > 1 && (originLike.filter((part) => part.includes("://")).length > 1 || (/[,;]/.test(text) && originLike.length === parts.length))) {
    return failure("several-origins", `${quote(text)} looks like several origins in one entry. Put each origin on its own line.`);
  }
  if (BAD_CHARACTER.test(text)) {
    return failure("invalid-character", `${quote(text)} contains a space or an invisible character. An origin has none; retype it.`);
  }
  if (text.includes("\\")) {
    return failure("invalid-character", `${quote(text)} contains a backslash. An origin is written with forward slashes: scheme://host[:port].`);
  }

  const schemeMatch = SCHEME_PREFIX.exec(text);
  if (!schemeMatch) return parseWithoutScheme(text);

  const schemeText = schemeMatch[1] ?? "";
  const lowerScheme = schemeText.toLowerCase();
  const rest = text.slice(schemeMatch[0].length);
  if (lowerScheme !== "http" && lowerScheme !== "https") return unsupportedScheme(lowerScheme, rest);
  const scheme: Scheme = lowerScheme;
  const issues: Issue[] = [];
  if (schemeText !== lowerScheme) issues.push({ code: "not-canonical", why: "the scheme in lowercase" });

  // authority = everything up to the first "/", "?" or "#" (https://url.spec.whatwg.org/#authority-state)
  const authorityEnd = rest.search(/[/?#]/);
  let authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const tail = authorityEnd < 0 ? "" : rest.slice(authorityEnd);

  const at = authority.lastIndexOf("@");
  const userinfo = at >= 0 ? authority.slice(0, at + 1) : "";
  if (at >= 0) authority = authority.slice(at + 1);
  if (authority === "") return failure("invalid-host", `${quote(text)} has no host. Write an origin like https://example.com.`);

  // host and port
  let hostText: string;
  let portText: string | null;
  if (authority.startsWith("[")) {
    const close = authority.indexOf("]");
    if (close < 0) return failure("invalid-host", `${quote(authority)} opens an IPv6 address with "[" but never closes it with "]".`);
    hostText = authority.slice(0, close + 1);
    const after = authority.slice(close + 1);
    if (after !== "" && !after.startsWith(":")) return failure("invalid-host", `${quote(authority)} has text after the IPv6 address.`);
    portText = after === "" ? null : after.slice(1);
  } else if (authority.startsWith("*.[")) {
    // "*.[::1]": the colons of the address would otherwise be read as a port
    return failure("wildcard-ip", `${quote(text)} puts a wildcard in front of an IP address. IP addresses have no subdomains; list the address itself.`);
  } else {
    const colon = authority.indexOf(":");
    hostText = colon < 0 ? authority : authority.slice(0, colon);
    portText = colon < 0 ? null : authority.slice(colon + 1);
  }

  const port = parsePort(portText, scheme, issues);
  if ("failure" in port) return port;

  // wildcard in the host: only "*." followed by a domain
  let subdomains = false;
  let baseText = hostText;
  if (hostText.includes("*")) {
    const wildcard = checkHostWildcard(scheme, hostText, portText);
    if ("failure" in wildcard) return wildcard;
    subdomains = true;
    baseText = wildcard.base;
  }

  const host = canonicalHost(baseText, issues);
  if (typeof host !== "string") return host;

  if (subdomains) {
    if (isIpHost(host)) {
      return failure("wildcard-ip", `${quote(text)} puts a wildcard in front of an IP address. IP addresses have no subdomains; list the address itself.`);
    }
    if (isPublicSuffix(host)) {
      return failure(
        "wildcard-public-suffix",
        `${scheme}://*.${host} would allow every site under the public suffix ".${host}", which anyone can register. Name your own domain instead, like ${scheme}://*.example.${host}.`,
      );
    }
  }

  if (userinfo !== "") issues.push({ code: "userinfo", text: userinfo, host });
  pushTailIssues(tail, issues);

  const portSuffix = port.port === null ? "" : `:${port.port}`;
  const value = `${scheme}://${subdomains ? "*." : ""}${host}${portSuffix}`;
  const spec: OriginSpec =
    subdomains || port.port === "*"
      ? { kind: "pattern", value, scheme, host, subdomains, port: port.port }
      : { kind: "exact", value, scheme, host, port: port.port };
  return { spec, issues };
}

function parseWithoutScheme(text: string): Parsed {
  if (text.startsWith("*://") || text.startsWith("*:")) {
    return failure("wildcard-position", `${quote(text)} puts a wildcard in the scheme. List http:// and https:// origins separately (and prefer https://).`);
  }
  if (text.startsWith("//")) {
    const fix = suggest(`https:${text}`);
    return failure("missing-scheme", `${quote(text)} has no scheme. Write it with https:// (or http://)${fix ? `: ${fix}` : ""}.`, fix);
  }
  const m = SCHEME_ONLY.exec(text);
  if (m) {
    const scheme = (m[1] ?? "").toLowerCase();
    const after = m[2] ?? "";
    if (/^(\d+|\*)(\/.*)?$/.test(after)) {
      // host:port without a scheme, e.g. localhost:3000
      const fix = suggestWithScheme(text);
      return failure("missing-scheme", `${quote(text)} has no scheme. Write it as ${fix ?? "http://host:port"}.`, fix);
    }
    if (scheme === "http" || scheme === "https" || scheme === "ws" || scheme === "wss") {
      const target = scheme === "ws" ? "http" : scheme === "wss" ? "https" : scheme;
      const fix = suggest(`${target}://${after.replace(/^\/+/, "")}`);
      return failure("invalid-syntax", `${quote(text)} is missing the "//" after "${scheme}:". Write it as ${fix ?? `${target}://host`}.`, fix);
    }
    return unsupportedScheme(scheme, after);
  }
  const fix = suggestWithScheme(text);
  return failure(
    "missing-scheme",
    fix ? `${quote(text)} has no scheme. Write it as ${fix}.` : `${quote(text)} is not an origin. Write it as scheme://host[:port], like https://example.com.`,
    fix,
  );
}

function unsupportedScheme(scheme: string, rest: string): Parsed {
  if (scheme === "ws" || scheme === "wss") {
    const target = scheme === "ws" ? "http" : "https";
    const fix = suggest(`${target}://${rest}`);
    return failure(
      "unsupported-scheme",
      `WebSocket URLs are not origins: a page opening ${scheme}:// sends the origin of the page, which is ${target}://. Write it as ${fix ?? `${target}://host`}.`,
      fix,
    );
  }
  if (scheme === "file" || scheme === "data" || scheme === "about" || scheme === "blob") {
    return failure(
      "unsupported-scheme",
      `Pages loaded from ${scheme}: URLs send the origin "null", not ${scheme}://… Only http:// and https:// origins can be listed; "null" can be, but anyone can send it.`,
    );
  }
  return failure("unsupported-scheme", `Only http:// and https:// origins can be allowed; ${quote(`${scheme}:`)} is not one.`);
}

function parsePort(portText: string | null, scheme: Scheme, issues: Issue[]): { port: number | null | "*" } | { failure: Failure } {
  if (portText === null) return { port: null };
  if (portText === "") {
    issues.push({ code: "not-canonical", why: "without the empty port after the colon" });
    return { port: null };
  }
  if (portText === "*") return { port: "*" };
  if (portText.includes("*")) {
    return failure("wildcard-position", `The port ${quote(portText)} mixes digits and a wildcard. Use a port number, or ":*" for any port.`);
  }
  if (!/^[0-9]+$/.test(portText)) return failure("invalid-port", `The port ${quote(portText)} is not a number. A port is a number from 1 to 65535.`);
  const port = Number(portText);
  if (port < 1 || port > 65535) return failure("invalid-port", `The port ${portText} is out of range. A port is a number from 1 to 65535.`);
  if (port === defaultPort(scheme)) {
    issues.push({ code: "default-port", text: `:${portText}`, scheme });
    return { port: null };
  }
  if (String(port) !== portText) issues.push({ code: "not-canonical", why: "the port without leading zeros" });
  return { port };
}

function checkHostWildcard(scheme: Scheme, hostText: string, portText: string | null): { base: string } | { failure: Failure } {
  const portSuffix = portText === null ? "" : `:${portText}`;
  if (hostText.startsWith("*.") && !hostText.slice(2).includes("*")) return { base: hostText.slice(2) };
  if (hostText === "*") {
    return failure(
      "wildcard-position",
      `${scheme}://* has no domain after the wildcard. Name the domain, like ${scheme}://*.example.com; to allow every origin use * on its own (never with credentials).`,
    );
  }
  if (/^\*[^.*]/.test(hostText)) {
    // "*example.com": most likely "*.example.com" — which also is narrower
    const fix = suggest(`${scheme}://*.${hostText.slice(1)}${portSuffix}`);
    return failure(
      "wildcard-position",
      `${quote(hostText)} would match any host ending in ${quote(hostText.slice(1))}, including look-alikes like evil${hostText.slice(1)}. A wildcard must be a whole label followed by a dot${fix ? `: ${fix}` : ""}.`,
      fix,
    );
  }
  return failure(
    "wildcard-position",
    `${quote(hostText)} has a wildcard in the wrong place. A wildcard can only stand for the leftmost labels, like ${scheme}://*.example.com.`,
  );
}

/** Canonicalizes a host through the URL parser; returns the host or a failure. */
function canonicalHost(hostText: string, issues: Issue[]): string | { failure: Failure } {
  if (hostText === "") return failure("invalid-host", "The host is empty. Write an origin like https://example.com.");
  let url: URL;
  try {
    url = new URL(`https://${hostText}/`);
  } catch {
    return failure("invalid-host", `${quote(hostText)} is not a valid host name.`);
  }
  // The authority was split before, so anything but a bare host here means the
  // URL parser read the text differently than we did: refuse rather than guess.
  if (url.username !== "" || url.password !== "" || url.port !== "" || url.pathname !== "/" || url.search !== "" || url.hash !== "") {
    return failure("invalid-host", `${quote(hostText)} is not a valid host name.`);
  }
  let host = url.hostname;
  if (host.length > MAX_HOST_LENGTH + 1) {
    return failure("too-long", `The host is ${host.length} characters long; a host name has at most ${MAX_HOST_LENGTH}.`);
  }
  if (!host.startsWith("[") && !IPV4.test(host)) {
    let trailingDot = false;
    if (host.endsWith(".")) {
      trailingDot = true;
      host = host.slice(0, -1);
    }
    if (host.length > MAX_HOST_LENGTH) {
      return failure("too-long", `The host is ${host.length} characters long; a host name has at most ${MAX_HOST_LENGTH}.`);
    }
    for (const label of host.split(".")) {
      if (label === "") return failure("invalid-host", `${quote(hostText)} has an empty label (two dots in a row, or a dot at the start).`);
      if (label.length > 63) return failure("invalid-host", `${quote(hostText)} has a label longer than 63 characters.`);
      if (!LABEL.test(label)) {
        return failure("invalid-host", `${quote(hostText)} contains characters that are not allowed in a host name (letters, digits, "-" and "_").`);
      }
    }
    if (trailingDot) issues.push({ code: "trailing-dot" });
    if (`${host}${trailingDot ? "." : ""}` !== hostText) issues.push({ code: "not-canonical", why: describeHostChange(hostText, host) });
    return host;
  }
  if (host !== hostText) issues.push({ code: "not-canonical", why: describeHostChange(hostText, host) });
  return host;
}

function describeHostChange(typed: string, host: string): string {
  if (/[^\x00-\x7f]/.test(typed)) return `international domain names in their punycode form, ${host}`;
  if (typed.toLowerCase() === host) return "the host in lowercase";
  if (typed.includes("%")) return `the host without percent-encoding, ${host}`;
  if (host.startsWith("[") || IPV4.test(host)) return `the IP address in its standard form, ${host}`;
  return `the host as ${host}`;
}

function pushTailIssues(tail: string, issues: Issue[]): void {
  if (tail === "") return;
  const hashAt = tail.indexOf("#");
  const beforeHash = hashAt < 0 ? tail : tail.slice(0, hashAt);
  const fragment = hashAt < 0 ? "" : tail.slice(hashAt);
  const queryAt = beforeHash.indexOf("?");
  const path = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = queryAt < 0 ? "" : beforeHash.slice(queryAt);
  if (path !== "" && path !== "/") issues.push({ code: "path", text: path });
  if (query !== "") issues.push({ code: "query", text: query });
  if (fragment !== "") issues.push({ code: "fragment", text: fragment });
  if (path === "/" && query === "" && fragment === "") issues.push({ code: "trailing-slash" });
}
