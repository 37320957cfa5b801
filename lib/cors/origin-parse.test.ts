import { describe, expect, it } from "vitest";
import { parseOrigin } from "./origin-parse";
import type { OriginSpec, ProblemCode } from "./types";

interface OkCase {
  readonly name: string;
  readonly input: string;
  readonly origin: OriginSpec;
}

const OK: readonly OkCase[] = [
  { name: "https origin", input: "https://example.com", origin: { kind: "exact", value: "https://example.com", scheme: "https", host: "example.com", port: null } },
  { name: "http origin with port", input: "http://localhost:3000", origin: { kind: "exact", value: "http://localhost:3000", scheme: "http", host: "localhost", port: 3000 } },
  { name: "non-default https port", input: "https://example.com:8443", origin: { kind: "exact", value: "https://example.com:8443", scheme: "https", host: "example.com", port: 8443 } },
  { name: "http on port 443 is not the default", input: "http://example.com:443", origin: { kind: "exact", value: "http://example.com:443", scheme: "http", host: "example.com", port: 443 } },
  { name: "IPv4", input: "http://192.168.1.10:8080", origin: { kind: "exact", value: "http://192.168.1.10:8080", scheme: "http", host: "192.168.1.10", port: 8080 } },
  { name: "IPv6 in brackets", input: "http://[::1]:5173", origin: { kind: "exact", value: "http://[::1]:5173", scheme: "http", host: "[::1]", port: 5173 } },
  { name: "punycode host", input: "https://xn--bcher-kva.example", origin: { kind: "exact", value: "https://xn--bcher-kva.example", scheme: "https", host: "xn--bcher-kva.example", port: null } },
  { name: "underscore and hyphen", input: "https://my_app-1.example.com", origin: { kind: "exact", value: "https://my_app-1.example.com", scheme: "https", host: "my_app-1.example.com", port: null } },
  { name: "subdomain wildcard", input: "https://*.example.com", origin: { kind: "pattern", value: "https://*.example.com", scheme: "https", host: "example.com", subdomains: true, port: null } },
  { name: "wildcard under a public suffix's domain", input: "https://*.example.co.uk", origin: { kind: "pattern", value: "https://*.example.co.uk", scheme: "https", host: "example.co.uk", subdomains: true, port: null } },
  { name: "wildcard under a private suffix's site", input: "https://*.me.github.io", origin: { kind: "pattern", value: "https://*.me.github.io", scheme: "https", host: "me.github.io", subdomains: true, port: null } },
  { name: "wildcard with port", input: "https://*.example.com:8443", origin: { kind: "pattern", value: "https://*.example.com:8443", scheme: "https", host: "example.com", subdomains: true, port: 8443 } },
  { name: "port wildcard", input: "http://localhost:*", origin: { kind: "pattern", value: "http://localhost:*", scheme: "http", host: "localhost", subdomains: false, port: "*" } },
  { name: "both wildcards", input: "http://*.localhost:*", origin: { kind: "pattern", value: "http://*.localhost:*", scheme: "http", host: "localhost", subdomains: true, port: "*" } },
  { name: "null", input: "null", origin: { kind: "null", value: "null" } },
  { name: "any", input: "*", origin: { kind: "any", value: "*" } },
];

interface ProblemCase {
  readonly name: string;
  readonly input: string;
  readonly code: ProblemCode;
  /** The one-click fix; `null` = none offered. */
  readonly fix: string | null;
  /** A fragment the message must contain. */
  readonly says?: string;
}

const PROBLEMS: readonly ProblemCase[] = [
  { name: "empty", input: "", code: "empty", fix: null },
  { name: "blank", input: "  \t", code: "empty", fix: null },
  { name: "too long", input: `https://${"a".repeat(2100)}.com`, code: "too-long", fix: null },
  { name: "host too long", input: `https://${"abcdefghi.".repeat(26)}com`, code: "too-long", fix: null },
  { name: "surrounding spaces", input: "  https://example.com ", code: "surrounding-whitespace", fix: "https://example.com", says: "spaces" },
  { name: "space inside", input: "https://exa mple.com", code: "invalid-character", fix: null },
  { name: "zero-width space", input: "https://exa\u200bmple.com", code: "invalid-character", fix: null },
  { name: "several origins", input: "https://a.example https://b.example", code: "several-origins", fix: null, says: "own line" },
  { name: "missing scheme", input: "example.com", code: "missing-scheme", fix: "https://example.com" },
  { name: "missing scheme, localhost gets http", input: "localhost:3000", code: "missing-scheme", fix: "http://localhost:3000" },
  { name: "missing scheme, private IP gets http", input: "192.168.0.5:8080", code: "missing-scheme", fix: "http://192.168.0.5:8080" },
  { name: "missing scheme on a wildcard", input: "*.example.com", code: "missing-scheme", fix: "https://*.example.com" },
  { name: "missing scheme with path", input: "example.com/app", code: "missing-scheme", fix: "https://example.com" },
  { name: "scheme-relative", input: "//example.com", code: "missing-scheme", fix: "https://example.com" },
  { name: "missing slashes", input: "https:/example.com", code: "invalid-syntax", fix: "https://example.com" },
  { name: "unsupported scheme", input: "ftp://example.com", code: "unsupported-scheme", fix: null, says: "http:// and https://" },
  { name: "ws maps to http", input: "ws://localhost:3000", code: "unsupported-scheme", fix: "http://localhost:3000" },
  { name: "file says null", input: "file:///index.html", code: "unsupported-scheme", fix: null, says: "null" },
  { name: "userinfo names the real host", input: "https://example.com@evil.net", code: "userinfo", fix: null, says: "host is evil.net" },
  { name: "path", input: "https://example.com/login", code: "path", fix: "https://example.com", says: "/login" },
  { name: "path wins over query", input: "https://example.com/a?b#c", code: "path", fix: "https://example.com", says: "Also fixed: the query, the fragment" },
  { name: "query", input: "https://example.com?x", code: "query", fix: "https://example.com" },
  { name: "fragment", input: "https://example.com#x", code: "fragment", fix: "https://example.com" },
  { name: "trailing slash", input: "https://example.com/", code: "trailing-slash", fix: "https://example.com" },
  { name: "trailing slash on a pattern", input: "https://*.example.com/", code: "trailing-slash", fix: "https://*.example.com" },
  { name: "default https port", input: "https://example.com:443", code: "default-port", fix: "https://example.com", says: ":443" },
  { name: "default http port", input: "http://example.com:80", code: "default-port", fix: "http://example.com" },
  { name: "trailing dot", input: "https://example.com.", code: "trailing-dot", fix: "https://example.com" },
  { name: "uppercase host", input: "https://Example.COM", code: "not-canonical", fix: "https://example.com", says: "lowercase" },
  { name: "uppercase scheme", input: "HTTPS://example.com", code: "not-canonical", fix: "https://example.com" },
  { name: "uppercase wildcard", input: "https://*.EXAMPLE.com", code: "not-canonical", fix: "https://*.example.com" },
  { name: "IDN to punycode", input: "https://bücher.example", code: "not-canonical", fix: "https://xn--bcher-kva.example", says: "punycode" },
  { name: "IPv4 short form", input: "http://127.1:8080", code: "not-canonical", fix: "http://127.0.0.1:8080" },
  { name: "IPv6 long form", input: "http://[0:0:0:0:0:0:0:1]", code: "not-canonical", fix: "http://[::1]" },
  { name: "port leading zeros", input: "https://example.com:0443", code: "default-port", fix: "https://example.com" },
  { name: "NULL uppercase", input: "NULL", code: "not-canonical", fix: "null" },
  { name: "no host", input: "https://", code: "invalid-host", fix: null },
  { name: "invalid host characters", input: "https://exa$mple.com", code: "invalid-host", fix: null },
  { name: "empty label", input: "https://.example.com", code: "invalid-host", fix: null },
  { name: "numeric TLD", input: "https://example.123", code: "invalid-host", fix: null },
  { name: "port not a number", input: "https://example.com:https", code: "invalid-port", fix: null },
  { name: "port too large", input: "https://example.com:70000", code: "invalid-port", fix: null },
  { name: "wildcard in the middle", input: "https://a.*.example.com", code: "wildcard-position", fix: null },
  { name: "two wildcards", input: "https://*.*.example.com", code: "wildcard-position", fix: null },
  { name: "wildcard without dot", input: "https://*example.com", code: "wildcard-position", fix: "https://*.example.com", says: "evilexample.com" },
  { name: "wildcard inside a label", input: "https://app-*.example.com", code: "wildcard-position", fix: null },
  { name: "wildcard in the port", input: "http://localhost:80*", code: "wildcard-position", fix: null },
  { name: "wildcard scheme", input: "*://example.com", code: "wildcard-position", fix: null },
  { name: "bare wildcard host", input: "https://*", code: "wildcard-position", fix: null, says: "* on its own" },
  { name: "wildcard over .com", input: "https://*.com", code: "wildcard-public-suffix", fix: null },
  { name: "wildcard over co.uk", input: "https://*.co.uk", code: "wildcard-public-suffix", fix: null },
  { name: "wildcard over github.io (private suffix)", input: "https://*.github.io", code: "wildcard-public-suffix", fix: null },
  { name: "wildcard over vercel.app (private suffix)", input: "https://*.vercel.app", code: "wildcard-public-suffix", fix: null },
  { name: "wildcard over an unlisted TLD", input: "https://*.internal", code: "wildcard-public-suffix", fix: null },
  { name: "wildcard over an IP", input: "http://*.10.0.0.1", code: "wildcard-ip", fix: null },
  { name: "wildcard without scheme over a suffix: no fix", input: "*.com", code: "missing-scheme", fix: null },
];

describe("parseOrigin: valid input", () => {
  it.each(OK)("$name: $input", ({ input, origin }) => {
    expect(parseOrigin(input)).toEqual({ ok: true, origin });
  });
});

describe("parseOrigin: problems", () => {
  it.each(PROBLEMS)("$name: $input → $code", ({ input, code, fix, says }) => {
    const result = parseOrigin(input, 7);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe(code);
    expect(result.problem.fix ?? null).toBe(fix);
    expect(result.problem.index).toBe(7);
    expect(result.problem.value).toBe(input);
    expect(result.problem.field).toBe("origins");
    expect(result.problem.message).toMatch(/[.!]$/);
    if (says) expect(result.problem.message).toContain(says);
    if (fix !== null) {
      expect(result.problem.message).toContain(fix);
      expect(parseOrigin(fix)).toMatchObject({ ok: true, origin: { value: fix } });
    }
  });

  it("never throws on non-string input", () => {
    for (const value of [undefined, null, 42, {}, []]) {
      expect(parseOrigin(value as unknown as string).ok).toBe(false);
    }
  });
});
