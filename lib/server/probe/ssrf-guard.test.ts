import type { LookupAddress } from "node:dns";
import { describe, expect, it, vi } from "vitest";
import type { AppError } from "@/lib/server/errors";
import { refusalError } from "./probe-outcome";
import { checkTargetUrl, pinnedLookup, resolveTarget, type PinnedTarget, type ResolvedAddress, type ResolvedTarget, type Resolver } from "./ssrf-guard";

const fixed =
  (...answers: ResolvedAddress[][]): Resolver & { calls: number } => {
    const fn = Object.assign(
      async (_host: string) => {
        const answer = answers[Math.min(fn.calls, answers.length - 1)] ?? [];
        fn.calls++;
        return answer;
      },
      { calls: 0 },
    );
    return fn;
  };

/** A refused target, as the API renders it (422 target_not_allowed on body.url). */
async function refusal(promise: Promise<ResolvedTarget>): Promise<AppError> {
  const resolved = await promise;
  if (resolved.kind !== "refused") throw new Error(`expected a refusal, got ${resolved.kind}`);
  return refusalError(resolved.refusal);
}

async function pinned(promise: Promise<ResolvedTarget>): Promise<PinnedTarget> {
  const resolved = await promise;
  if (resolved.kind !== "pinned") throw new Error(`expected a pinned target, got ${resolved.kind}`);
  return resolved.target;
}

describe("checkTargetUrl", () => {
  it.each([
    ["ftp://example.com/", "Only http:// and https://"],
    ["file:///etc/passwd", "Only http:// and https://"],
    ["https://user:pw@example.com/", "user name and password"],
    ["not a url", "absolute http://"],
  ])("refuses %s", (url, text) => {
    const checked = checkTargetUrl(url);
    if (checked.ok) throw new Error("accepted");
    const error = refusalError(checked.refusal);
    expect(error.status).toBe(422);
    expect(error.message).toContain(text);
    expect(error.errors?.[0]?.field).toBe("body.url");
  });
});

describe("resolveTarget", () => {
  it("refuses a name that resolves to a private address, naming the field, the range and how to lift it", async () => {
    const error = await refusal(resolveTarget(new URL("https://intranet.example/"), { allowPrivate: false, resolve: fixed([{ address: "10.0.0.5", family: 4 }]) }));
    expect(error.status).toBe(422);
    expect(error.code).toBe("target_not_allowed");
    expect(error.errors).toEqual([expect.objectContaining({ field: "body.url", code: "target_not_allowed" })]);
    expect(error.message).toContain("intranet.example resolves (from the Corsboard server) to an address in 10.0.0.0/8 (private)");
    // The internal address itself is not echoed (see resolveTarget).
    expect(error.message).not.toContain("10.0.0.5");
    expect(error.message).toContain("CORSBOARD_PROBE_ALLOW_PRIVATE=1");
  });

  it("checks every address of the name, not only the first", async () => {
    const resolve = fixed([
      { address: "8.8.8.8", family: 4 },
      { address: "::ffff:169.254.169.254", family: 6 },
    ]);
    const error = await refusal(resolveTarget(new URL("http://mixed.example/"), { allowPrivate: false, resolve }));
    expect(error.message).toContain("169.254.0.0/16 (link-local, cloud metadata)");
    expect(error.message).not.toContain("::ffff:169.254.169.254");
  });

  it.each([
    ["loopback", "127.0.0.1", "127.0.0.0/8 (loopback)"],
    ["10/8", "10.20.30.40", "10.0.0.0/8 (private)"],
    ["metadata", "169.254.169.254", "169.254.0.0/16 (link-local, cloud metadata)"],
    ["IPv6 loopback", "::1", "::1 (loopback)"],
    ["unique-local fc00::/7 (fc..)", "fc00::5", "fc00::/7 (unique local)"],
    ["unique-local fc00::/7 (fd..)", "fd12:3456::1", "fc00::/7 (unique local)"],
  ])("refuses a name resolving to a %s address", async (_what, address, range) => {
    const resolve = fixed([{ address, family: address.includes(":") ? 6 : 4 }]);
    const error = await refusal(resolveTarget(new URL("https://inside.example/"), { allowPrivate: false, resolve }));
    expect(error).toMatchObject({ status: 422, code: "target_not_allowed" });
    expect(error.message).toBe(
      `Corsboard does not probe addresses on its own network: inside.example resolves (from the Corsboard server) to an address in ${range}. Set CORSBOARD_PROBE_ALLOW_PRIVATE=1 on the Corsboard server to probe private addresses for local testing.`,
    );
  });

  it("refuses a name with one public and one private address, whichever comes first", async () => {
    for (const order of [
      [{ address: "1.2.3.4", family: 4 as const }, { address: "10.0.0.1", family: 4 as const }],
      [{ address: "fd00::1", family: 6 as const }, { address: "1.2.3.4", family: 4 as const }],
    ]) {
      const error = await refusal(resolveTarget(new URL("https://split.example/"), { allowPrivate: false, resolve: fixed(order) }));
      expect(error.code).toBe("target_not_allowed");
    }
  });

  it.each([
    "http://127.0.0.1/",
    "http://10.0.0.1/",
    "http://10.255.255.254:8443/",
    "http://[::1]:8080/",
    "http://[fc00::1]/",
    "http://[fdff:ffff::1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://0x7f.1/",
    "http://[::ffff:10.0.0.1]/",
    "http://0/",
  ])(
    "refuses the IP literal %s without asking DNS",
    async (url) => {
      const resolve = fixed([{ address: "8.8.8.8", family: 4 }]);
      const error = await refusal(resolveTarget(new URL(url), { allowPrivate: false, resolve }));
      // The typed address is named (nothing is revealed by echoing it).
      expect(error.message).toMatch(/^Corsboard does not probe addresses on its own network: \S+ is in /);
      expect(resolve.calls).toBe(0);
    },
  );

  it("allows private targets when allowPrivate is set", async () => {
    const target = await pinned(resolveTarget(new URL("http://localhost:4000/x"), { allowPrivate: true, resolve: fixed([{ address: "127.0.0.1", family: 4 }]) }));
    expect(target).toMatchObject({ hostname: "localhost", port: 4000, address: { address: "127.0.0.1", family: 4 } });
  });

  it("pins a public name to its checked address", async () => {
    const target = await pinned(resolveTarget(new URL("https://api.example/"), { allowPrivate: false, resolve: fixed([{ address: "2001:4860::8888", family: 6 }]) }));
    expect(target).toMatchObject({ hostname: "api.example", port: 443, address: { address: "2001:4860::8888", family: 6 } });
  });

  it("reports a DNS failure as a network error, not a refusal", async () => {
    const resolve: Resolver = () => Promise.reject(Object.assign(new Error("getaddrinfo ENOTFOUND nowhere.invalid"), { code: "ENOTFOUND" }));
    const resolved = await resolveTarget(new URL("https://nowhere.invalid/"), { allowPrivate: false, resolve });
    expect(resolved).toEqual({ kind: "unresolved", cause: { kind: "dns-not-found", host: "nowhere.invalid", code: "ENOTFOUND" } });
  });
});

describe("DNS rebinding", () => {
  it("connects to the first checked address: the pinned lookup never resolves again", async () => {
    // Public on the first answer, private on every later one (a rebinding DNS server).
    const resolve = fixed([{ address: "8.8.8.8", family: 4 }], [{ address: "127.0.0.1", family: 4 }]);
    const spy = vi.fn(resolve);
    const target = await pinned(resolveTarget(new URL("https://rebind.example/"), { allowPrivate: false, resolve: spy }));
    expect(target.address).toEqual({ address: "8.8.8.8", family: 4 });

    const lookup = pinnedLookup(target.address);
    // As node:net calls it: with options { all: true } (autoSelectFamily), with { all: false }, with a family number.
    const all = await new Promise<LookupAddress[]>((done) => lookup("rebind.example", { all: true }, (_e, a) => done(a as LookupAddress[])));
    const one = await new Promise<[string, number | undefined]>((done) => lookup("rebind.example", { family: 0 }, (_e, a, f) => done([a as string, f])));
    const legacy = await new Promise<string>((done) => lookup("rebind.example", 4, (_e, a) => done(a as string)));
    expect(all).toEqual([{ address: "8.8.8.8", family: 4 }]);
    expect(one).toEqual(["8.8.8.8", 4]);
    expect(legacy).toBe("8.8.8.8");
    expect(spy).toHaveBeenCalledTimes(1);
  });
});

describe("resolveTarget DNS timeout", () => {
  it("a resolver that never answers is unresolved (dns-timeout) after the timeout", async () => {
    const started = Date.now();
    const resolved = await resolveTarget(new URL("https://slow.example/x"), { allowPrivate: false, resolve: () => new Promise(() => undefined), timeoutMs: 50 });
    expect(resolved).toEqual({ kind: "unresolved", cause: { kind: "dns-timeout", host: "slow.example", timeoutMs: 50 } });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("an answer in time is used as before", async () => {
    const target = await pinned(resolveTarget(new URL("https://fast.example/x"), { allowPrivate: false, resolve: fixed([{ address: "8.8.8.8", family: 4 }]), timeoutMs: 50 }));
    expect(target.address).toEqual({ address: "8.8.8.8", family: 4 });
  });
});
