"use client";
import { useSyncExternalStore } from "react";
import { formatRelative, formatTime } from "@/components/editor/format";

/*
 * One clock for every relative time on the page. The bug this replaces: each
 * list captured `Date.now()` when it mounted and refreshed it once a minute,
 * so a version saved a moment later (server clock) was newer than that stale
 * `now` and read "in 34 seconds", and older entries stayed "36 seconds ago"
 * until the next minute tick. Here a single 1-second interval (started by the
 * first subscriber, stopped by the last) drives all of them together.
 */
const TICK_MS = 1000;
let current = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    current = Date.now();
    timer = setInterval(() => {
      current = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The browser's current time, shared and ticking every second; null while server-rendering (no clock to agree on). */
export function useTickingNow(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => null,
  );
}

/**
 * "12 seconds ago" for an instant, with the absolute time on hover.
 * `kind="event"` (the default) is for things that already happened (saved,
 * published, seen): a timestamp slightly ahead of the browser's clock is clock
 * skew between server and browser, so it reads "just now", never "in N
 * seconds". `kind="deadline"` (expiries) may really lie in the future.
 */
export function RelativeTime({ iso, kind = "event", className }: { iso: string; kind?: "event" | "deadline"; className?: string }) {
  const now = useTickingNow();
  return (
    // A short phrase: never "29 seconds ag|o" across two lines.
    <time dateTime={iso} title={formatTime(iso)} className={`whitespace-nowrap ${className ?? ""}`} data-testid="relative-time">
      {now === null ? formatTime(iso) : relativeText(iso, now, kind)}
    </time>
  );
}

/** The words for `iso` seen from `now`; events never lie in the future. */
export function relativeText(iso: string, now: number, kind: "event" | "deadline"): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  if (kind === "event" && now - at < 5_000) return "just now";
  return formatRelative(iso, now);
}
