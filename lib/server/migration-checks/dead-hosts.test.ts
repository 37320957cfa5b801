import { describe, expect, it } from "vitest";
import type { LiveResult } from "@/lib/api/schemas/migration-check";
import { isHostDown, type NetworkCause } from "@/lib/server/probe/probe-outcome";
import { DeadHosts, firstPerHost, hostPortOf } from "./dead-hosts";

const unreachable = (error: string, stage: LiveResult["stage"] = "actual"): LiveResult => ({ verdict: "unreachable", stage, failure: null, actualChecked: false, error });
const refused: NetworkCause = { kind: "connection", code: "ECONNREFUSED", detail: null, tls: false };
const timedOut: NetworkCause = { kind: "timeout", timeoutMs: 5000 };

describe("dead hosts of a migration-check run", () => {
  it("keys by host and effective port", () => {
    expect(hostPortOf("https://api.example.com/a")).toBe("api.example.com:443");
    expect(hostPortOf("http://api.example.com/a")).toBe("api.example.com:80");
    expect(hostPortOf("http://127.0.0.1:8080/x")).toBe("127.0.0.1:8080");
    expect(hostPortOf("http://[::1]:81/")).toBe("[::1]:81");
    expect(hostPortOf("not a url")).toBeNull();
  });

  it("counts connection failures, DNS failures and timeouts, not resets or TLS errors", () => {
    expect(isHostDown(refused)).toBe(true);
    expect(isHostDown({ kind: "timeout", timeoutMs: 5000 })).toBe(true);
    expect(isHostDown({ kind: "dns-not-found", host: "nope.test", code: "ENOTFOUND" })).toBe(true);
    expect(isHostDown({ kind: "dns-timeout", host: "slow.test", timeoutMs: 5000 })).toBe(true);
    expect(isHostDown({ kind: "connection", code: "ECONNRESET", detail: null, tls: false })).toBe(false);
    expect(isHostDown({ kind: "connection", code: "CERT_HAS_EXPIRED", detail: "certificate has expired", tls: true })).toBe(false);
    const dead = new DeadHosts();
    dead.record("http://reset.test/", { kind: "connection", code: "ECONNRESET", detail: null, tls: false });
    dead.record("http://refusal.test/", null);
    expect(dead.skip("http://reset.test/x")).toBeNull();
    expect(dead.skip("http://refusal.test/x")).toBeNull();
  });

  it("skips the rest of a dead host:port with the first failure as the reason, other hosts and ports still probed", () => {
    const dead = new DeadHosts();
    expect(dead.skip("http://a.test/x")).toBeNull();
    dead.record("http://a.test/x", refused);
    dead.record("http://a.test/y", timedOut);
    expect(dead.skip("http://a.test:80/z")).toEqual(unreachable("not probed again: a.test:80 did not answer the first probe (connection refused (ECONNREFUSED))", null));
    expect(dead.skip("http://a.test:81/z")).toBeNull();
    expect(dead.skip("https://b.test/z")).toBeNull();

    dead.record("https://b.test/ok", null);
    dead.record("https://b.test/slow", timedOut);
    expect(dead.skip("https://b.test/other")?.error).toBe("not probed again: b.test:443 did not answer an earlier probe (no response within 5 s (timed out))");
  });

  it("puts the first job of every host:port first, the others after, each in order", () => {
    expect(firstPerHost(["http://a.test/1", "http://a.test/2", "http://b.test/1", "http://a.test:81/1", "http://b.test/2"])).toEqual({ first: [0, 2, 3], rest: [1, 4] });
  });
});
