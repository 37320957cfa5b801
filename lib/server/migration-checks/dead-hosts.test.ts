import { describe, expect, it } from "vitest";
import type { LiveResult } from "@/lib/api/schemas/migration-check";
import { DeadHosts, firstPerHost, hostFailure, hostPortOf } from "./dead-hosts";

const unreachable = (error: string, stage: LiveResult["stage"] = "actual"): LiveResult => ({ verdict: "unreachable", stage, failure: null, actualChecked: false, error });
const allowed: LiveResult = { verdict: "allowed", stage: null, failure: null, actualChecked: true, error: null };

describe("dead hosts of a migration-check run", () => {
  it("keys by host and effective port", () => {
    expect(hostPortOf("https://api.example.com/a")).toBe("api.example.com:443");
    expect(hostPortOf("http://api.example.com/a")).toBe("api.example.com:80");
    expect(hostPortOf("http://127.0.0.1:8080/x")).toBe("127.0.0.1:8080");
    expect(hostPortOf("http://[::1]:81/")).toBe("[::1]:81");
    expect(hostPortOf("not a url")).toBeNull();
  });

  it("counts connection failures, DNS failures and timeouts, not resets, TLS errors or refusals", () => {
    expect(hostFailure(unreachable("No response to the request: connection refused (ECONNREFUSED)."))).toBe("connection refused (ECONNREFUSED)");
    expect(hostFailure(unreachable("No response to the preflight: no response within 5 s (timed out).", "preflight"))).toBe("no response within 5 s (timed out)");
    expect(hostFailure(unreachable("No response to the request: DNS lookup failed: nope.test does not resolve (ENOTFOUND)."))).toBe("DNS lookup failed: nope.test does not resolve (ENOTFOUND)");
    expect(hostFailure(unreachable("No response to the request: connection reset by the server (ECONNRESET)."))).toBeNull();
    expect(hostFailure(unreachable("No response to the request: certificate has expired (CERT_HAS_EXPIRED)."))).toBeNull();
    expect(hostFailure(unreachable("Corsboard does not probe addresses on its own network: 10.0.0.1 is in 10.0.0.0/8.", null))).toBeNull();
    expect(hostFailure(allowed)).toBeNull();
  });

  it("skips the rest of a dead host:port with the first failure as the reason, other hosts and ports still probed", () => {
    const dead = new DeadHosts();
    expect(dead.skip("http://a.test/x")).toBeNull();
    dead.record("http://a.test/x", unreachable("No response to the request: connection refused (ECONNREFUSED)."));
    dead.record("http://a.test/y", unreachable("No response to the request: no response within 5 s (timed out)."));
    expect(dead.skip("http://a.test:80/z")).toEqual(unreachable("not probed again: a.test:80 did not answer the first probe (connection refused (ECONNREFUSED))", null));
    expect(dead.skip("http://a.test:81/z")).toBeNull();
    expect(dead.skip("https://b.test/z")).toBeNull();

    dead.record("https://b.test/ok", allowed);
    dead.record("https://b.test/slow", unreachable("No response to the request: no response within 5 s (timed out)."));
    expect(dead.skip("https://b.test/other")?.error).toBe("not probed again: b.test:443 did not answer an earlier probe (no response within 5 s (timed out))");
  });

  it("puts the first job of every host:port first, the others after, each in order", () => {
    expect(firstPerHost(["http://a.test/1", "http://a.test/2", "http://b.test/1", "http://a.test:81/1", "http://b.test/2"])).toEqual({ first: [0, 2, 3], rest: [1, 4] });
  });
});
