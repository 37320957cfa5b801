import type { ConsumerMode } from "@/lib/server/config/usage-recorder";

/**
 * Live, polling or gone: the rule the consumers panel shows.
 *
 * - **gone**: its SSE stream closed (marked at once by the server that held
 *   it, cleared by any later sighting), or not seen for twice its refresh
 *   interval plus REWRITE_AFTER_SECONDS (sightings that change nothing are
 *   written at most that often, so a healthy consumer's "last seen" can lag by
 *   that much): SSE 2 × 15 s heartbeat + 30 = 60 s; long-poll 2 × 60 s
 *   longest wait + 30 = 150 s; polling 2 × 30 s (the SDK's default
 *   pollIntervalMs) + 30 = 90 s. A client that polls less often than every
 *   30 s shows as gone between its polls, and back at its next one.
 * - **live**: otherwise, following by SSE or long-poll.
 * - **polling**: otherwise, plain fetches (with or without ETag).
 */
export type ConsumerState = "live" | "polling" | "gone";

/** Sightings that change nothing are rewritten at most this often per instance. */
export const REWRITE_AFTER_SECONDS = 30;

/** How often a healthy consumer of each mode is seen, in seconds. */
export const REFRESH_SECONDS: Record<ConsumerMode, number> = { sse: 15, "long-poll": 60, fetch: 30 };

export const GONE_AFTER_SECONDS: Record<ConsumerMode, number> = {
  sse: 2 * REFRESH_SECONDS.sse + REWRITE_AFTER_SECONDS,
  "long-poll": 2 * REFRESH_SECONDS["long-poll"] + REWRITE_AFTER_SECONDS,
  fetch: 2 * REFRESH_SECONDS.fetch + REWRITE_AFTER_SECONDS,
};

export function consumerState(row: { mode: ConsumerMode; lastSeenAt: Date; disconnectedAt: Date | null }, now: number): ConsumerState {
  if (row.disconnectedAt !== null) return "gone";
  if (now - row.lastSeenAt.getTime() > GONE_AFTER_SECONDS[row.mode] * 1000) return "gone";
  return row.mode === "fetch" ? "polling" : "live";
}
