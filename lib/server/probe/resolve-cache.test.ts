import { describe, expect, it } from "vitest";
import { createCachedResolver, withResolveCache } from "./resolve-cache";
import type { Resolver } from "./ssrf-guard";

describe("createCachedResolver (one DNS lookup per name per batch)", () => {
  it("asks once per host name, case-insensitively, and answers the rest from the first answer", async () => {
    const asked: string[] = [];
    const resolve: Resolver = async (host) => (asked.push(host), [{ address: "203.0.113.7", family: 4 }]);
    const cached = createCachedResolver(resolve);
    const answers = await Promise.all([cached("api.example"), cached("API.example"), cached("api.example."), cached("other.example")]);
    expect(asked).toEqual(["api.example", "other.example"]);
    expect(answers[1]).toEqual([{ address: "203.0.113.7", family: 4 }]);
  });

  it("caches failures too: a dead name is looked up once", async () => {
    let calls = 0;
    const resolve: Resolver = () => (calls++, Promise.reject(Object.assign(new Error("nope"), { code: "ENOTFOUND" })));
    const cached = createCachedResolver(resolve);
    await expect(cached("dead.example")).rejects.toMatchObject({ code: "ENOTFOUND" });
    await expect(cached("dead.example")).rejects.toMatchObject({ code: "ENOTFOUND" });
    expect(calls).toBe(1);
  });

  it("a lookup that never answers times out once, and later calls fail at once", async () => {
    let calls = 0;
    const cached = createCachedResolver(() => (calls++, new Promise(() => undefined)), { timeoutMs: 50 });
    await expect(cached("slow.example")).rejects.toThrow("DNS lookup of slow.example timed out");
    const started = Date.now();
    await expect(cached("slow.example")).rejects.toThrow("timed out");
    expect(Date.now() - started).toBeLessThan(40);
    expect(calls).toBe(1);
  });

  it("withResolveCache keeps the other options and wraps their resolver", async () => {
    let calls = 0;
    const options = withResolveCache({ allowPrivate: true, timeoutMs: 1_000, resolve: async () => (calls++, [{ address: "127.0.0.1", family: 4 }]) });
    expect(options).toMatchObject({ allowPrivate: true, timeoutMs: 1_000 });
    await options.resolve?.("a.test");
    await options.resolve?.("a.test");
    expect(calls).toBe(1);
  });
});
