import { afterEach, describe, expect, it, vi } from "vitest";
import { onEveryInterval } from "@/lib/server/config/shared-interval";

describe("onEveryInterval", () => {
  afterEach(() => vi.useRealTimers());

  it("runs any number of callbacks of one period on ONE timer, and drops it with the last one", () => {
    vi.useFakeTimers();
    const calls: number[] = [];
    const stops = Array.from({ length: 1_000 }, (_, i) => onEveryInterval(15_000, () => calls.push(i)));
    const other = onEveryInterval(1_000, () => calls.push(-1));
    expect(vi.getTimerCount()).toBe(2);
    vi.advanceTimersByTime(15_000);
    expect(calls.filter((c) => c >= 0)).toHaveLength(1_000);
    expect(calls.filter((c) => c === -1)).toHaveLength(15);
    for (const stop of stops.slice(1)) stop();
    calls.length = 0;
    vi.advanceTimersByTime(15_000);
    expect(calls.filter((c) => c >= 0)).toEqual([0]);
    stops[0]!();
    other();
    expect(vi.getTimerCount()).toBe(0);
  });
});
