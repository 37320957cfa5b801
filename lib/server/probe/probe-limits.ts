// Per-caller limits on how often Corsboard sends requests to other servers on
// someone's behalf. Per process (see rate-limit.ts). A single probe costs one
// token; a migration check or a saved-checks run is one bounded batch and
// costs one token of its own bucket.

import type { Actor } from "@/lib/server/auth/actor";
import { env } from "@/lib/server/env";
import { RateLimitedError } from "@/lib/server/errors";
import { TokenBucketLimiter } from "./rate-limit";

export type ProbeLimitKind = "probe" | "batch";

/** Batches (migration checks, saved-check runs) per minute per caller. */
export const BATCHES_PER_MINUTE = 6;

let limiters: Record<ProbeLimitKind, TokenBucketLimiter> | undefined;

function limiterFor(kind: ProbeLimitKind): TokenBucketLimiter {
  limiters ??= {
    probe: new TokenBucketLimiter({ capacity: env().CORSBOARD_PROBE_RATE_LIMIT, perMs: 60_000 }),
    batch: new TokenBucketLimiter({ capacity: BATCHES_PER_MINUTE, perMs: 60_000 }),
  };
  return limiters[kind];
}

/** Take one token for this caller or throw a 429 problem with Retry-After. */
export function takeProbeToken(actor: Pick<Actor, "kind" | "id">, kind: ProbeLimitKind): void {
  const limit = limiterFor(kind).take(`${actor.kind}:${actor.id}`);
  if (limit.ok) return;
  const perMinute = kind === "probe" ? `${env().CORSBOARD_PROBE_RATE_LIMIT} probes` : `${BATCHES_PER_MINUTE} check runs`;
  throw new RateLimitedError(`At most ${perMinute} per minute; try again in ${limit.retryAfterSeconds} s.`, limit.retryAfterSeconds);
}
