import { describe, expect, it } from "vitest";
import { TokenBucketLimiter } from "./rate-limit";

describe("TokenBucketLimiter", () => {
  it("allows a burst of `capacity`, then refuses with Retry-After until a token refills", () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ capacity: 30, perMs: 60_000, now: () => now });
    for (let i = 0; i < 30; i++) expect(limiter.take("user:a").ok).toBe(true);
    const refused = limiter.take("user:a");
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect(limiter.take("user:b").ok).toBe(true); // per caller
    now += 2_000;
    expect(limiter.take("user:a").ok).toBe(true);
    expect(limiter.take("user:a").ok).toBe(false);
    now += 60_000;
    for (let i = 0; i < 30; i++) expect(limiter.take("user:a").ok).toBe(true);
    expect(limiter.take("user:a").ok).toBe(false);
  });

  it("forgets the least recently used callers beyond maxKeys", () => {
    const limiter = new TokenBucketLimiter({ capacity: 1, perMs: 60_000, now: () => 0, maxKeys: 2 });
    expect(limiter.take("a").ok).toBe(true);
    expect(limiter.take("b").ok).toBe(true);
    expect(limiter.take("c").ok).toBe(true); // evicts a
    expect(limiter.take("a").ok).toBe(true);
    expect(limiter.take("c").ok).toBe(false);
  });
});
