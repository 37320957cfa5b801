import { describe, expect, it } from "vitest";
import { consumerState, GONE_AFTER_SECONDS } from "./consumer-state";

describe("consumer state", () => {
  const now = Date.parse("2026-12-05T12:00:00Z");
  const ago = (s: number) => new Date(now - s * 1000);

  it.each([
    ["sse", 60, "live"],
    ["long-poll", 150, "live"],
    ["fetch", 90, "polling"],
  ] as const)("%s: %i s without a sighting is the limit; past it the instance is gone", (mode, limit, state) => {
    expect(GONE_AFTER_SECONDS[mode]).toBe(limit);
    expect(consumerState({ mode, lastSeenAt: ago(limit), disconnectedAt: null }, now)).toBe(state);
    expect(consumerState({ mode, lastSeenAt: ago(limit + 1), disconnectedAt: null }, now)).toBe("gone");
  });

  it("a closed stream is gone at once, however recently it was seen", () => {
    expect(consumerState({ mode: "sse", lastSeenAt: ago(1), disconnectedAt: ago(0) }, now)).toBe("gone");
  });
});
