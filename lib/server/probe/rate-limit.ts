// In-memory token buckets, one per caller (user or API token). Per process:
// with several instances behind a load balancer each allows its own share.

export interface TakeResult {
  readonly ok: boolean;
  /** Seconds until a token is available again (when not ok). */
  readonly retryAfterSeconds: number;
}

export interface TokenBucketOptions {
  /** Burst size, and tokens refilled per `perMs`. */
  readonly capacity: number;
  readonly perMs: number;
  readonly now?: () => number;
  /** Forget buckets untouched for this long (they are full again by then). */
  readonly maxKeys?: number;
}

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly now: () => number;

  constructor(private readonly options: TokenBucketOptions) {
    this.now = options.now ?? Date.now;
  }

  take(key: string): TakeResult {
    const { capacity, perMs } = this.options;
    const now = this.now();
    const rate = capacity / perMs; // tokens per ms
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    this.buckets.delete(key);
    this.buckets.set(key, bucket); // most recently used last
    this.evict();
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true, retryAfterSeconds: 0 };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000)) };
  }

  private evict(): void {
    const max = this.options.maxKeys ?? 10_000;
    while (this.buckets.size > max) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
  }
}
