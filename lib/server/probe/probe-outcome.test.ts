import { describe, expect, it } from "vitest";
import { connectionCause, describeCause, describeRefusal, fixForCause, isHostDown, refusalError, SERVER_REFUSAL_HINT, type NetworkCause } from "./probe-outcome";

describe("refusals rendered from data", () => {
  it.each([
    [{ reason: "not-a-url" } as const, "Use an absolute http:// or https:// URL, e.g. https://api.example.com/items."],
    [{ reason: "scheme", protocol: "ftp:" } as const, "Only http:// and https:// URLs can be probed, not ftp:."],
    [{ reason: "credentials-in-url" } as const, "Remove the user name and password from the URL (browsers refuse fetch() of such URLs)."],
    [
      { reason: "private-address", host: "10.0.0.1", literal: true, range: "10.0.0.0/8 (private)" } as const,
      `Corsboard does not probe addresses on its own network: 10.0.0.1 is in 10.0.0.0/8 (private). ${SERVER_REFUSAL_HINT}`,
    ],
    [
      { reason: "private-address", host: "intranet.example", literal: false, range: "10.0.0.0/8 (private)" } as const,
      `Corsboard does not probe addresses on its own network: intranet.example resolves (from the Corsboard server) to an address in 10.0.0.0/8 (private). ${SERVER_REFUSAL_HINT}`,
    ],
    [
      { reason: "private-address", host: "odd.example", literal: false, range: null } as const,
      `Corsboard does not probe addresses on its own network: odd.example resolves (from the Corsboard server) to an address in an unrecognized address range. ${SERVER_REFUSAL_HINT}`,
    ],
  ])("%o", (refusal, text) => {
    expect(describeRefusal(refusal)).toBe(text);
  });

  it("takes the hint of where the probe runs (the CLI's)", () => {
    expect(describeRefusal({ reason: "private-address", host: "::1", literal: true, range: "::1 (loopback)" }, "Run without --no-private.")).toBe(
      "Corsboard does not probe addresses on its own network: ::1 is in ::1 (loopback). Run without --no-private.",
    );
  });

  it("answers the API's 422 target_not_allowed naming the field", () => {
    const error = refusalError({ reason: "scheme", protocol: "file:" });
    expect(error).toMatchObject({ status: 422, code: "target_not_allowed", message: "Only http:// and https:// URLs can be probed, not file:." });
    expect(error.errors).toEqual([{ field: "body.url", code: "target_not_allowed", message: error.message }]);
    expect(refusalError({ reason: "not-a-url" }, "--url").errors?.[0]?.field).toBe("--url");
  });
});

describe("network causes rendered from data", () => {
  it.each([
    [{ kind: "dns-not-found", host: "nope.test", code: "ENOTFOUND" }, "DNS lookup failed: nope.test does not resolve (ENOTFOUND)"],
    [{ kind: "dns-no-address", host: "empty.test" }, "DNS lookup failed: empty.test has no address"],
    [{ kind: "dns-failed", host: "flaky.test", code: "EAI_AGAIN" }, "DNS lookup of flaky.test failed (EAI_AGAIN)"],
    [{ kind: "dns-timeout", host: "slow.test", timeoutMs: 5000 }, "DNS lookup of slow.test timed out after 5 s"],
    [{ kind: "timeout", timeoutMs: 300 }, "no response within 0.3 s (timed out)"],
    [{ kind: "connection", code: "ECONNREFUSED", detail: null, tls: false }, "connection refused (ECONNREFUSED)"],
    [{ kind: "connection", code: "CERT_HAS_EXPIRED", detail: "certificate has expired", tls: true }, "certificate has expired (CERT_HAS_EXPIRED)"],
    [{ kind: "connection", code: null, detail: "socket hang up", tls: false }, "socket hang up"],
  ] satisfies [NetworkCause, string][])("%o", (cause, text) => {
    expect(describeCause(cause)).toBe(text);
  });

  it("classifies node's socket errors once, by code", () => {
    expect(connectionCause(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }))).toEqual({ kind: "connection", code: "ECONNREFUSED", detail: null, tls: false });
    expect(connectionCause(Object.assign(new Error("self-signed certificate"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" }))).toMatchObject({ tls: true, detail: "self-signed certificate" });
    expect(connectionCause(Object.assign(new Error("Hostname/IP does not match certificate's altnames"), { code: "ERR_TLS_CERT_ALTNAME_INVALID" }))).toMatchObject({ tls: true });
    expect(connectionCause(new Error("socket hang up"))).toEqual({ kind: "connection", code: null, detail: "socket hang up", tls: false });
  });

  it("picks the fix by cause, leaving the simulator's fix for the others", () => {
    expect(fixForCause({ kind: "connection", code: "CERT_HAS_EXPIRED", detail: "certificate has expired", tls: true })).toContain("certificate that is valid");
    expect(fixForCause({ kind: "dns-timeout", host: "slow.test", timeoutMs: 5000 })).toContain("did not answer within the probe timeout");
    expect(fixForCause({ kind: "dns-not-found", host: "nope.test", code: "ENOTFOUND" })).toContain("CORSBOARD_PROBE_HOST_MAP");
    expect(fixForCause({ kind: "timeout", timeoutMs: 5000 })).toContain("answer within the probe timeout");
    expect(fixForCause({ kind: "connection", code: "ETIMEDOUT", detail: null, tls: false })).toContain("answer within the probe timeout");
    expect(fixForCause({ kind: "connection", code: "ECONNRESET", detail: null, tls: false })).toBeNull();
  });

  it("says which causes mean the host is down", () => {
    const down: NetworkCause[] = [
      { kind: "connection", code: "ECONNREFUSED", detail: null, tls: false },
      { kind: "connection", code: "EHOSTUNREACH", detail: null, tls: false },
      { kind: "timeout", timeoutMs: 5000 },
      { kind: "dns-failed", host: "x.test", code: "EAI_FAIL" },
    ];
    const notDown: NetworkCause[] = [
      { kind: "connection", code: "ECONNRESET", detail: null, tls: false },
      { kind: "connection", code: null, detail: "socket hang up", tls: false },
      { kind: "connection", code: "CERT_HAS_EXPIRED", detail: "certificate has expired", tls: true },
    ];
    expect(down.map(isHostDown)).toEqual(down.map(() => true));
    expect(notDown.map(isHostDown)).toEqual(notDown.map(() => false));
  });
});
