import { describe, expect, it } from "vitest";
import { readBodyPrefix, runInBrowser } from "./run-in-browser";

const PAGE = "http://127.0.0.1:3000";

/** A body stream of `chunks` chunks of `size` bytes that records how far it was read and whether it was cancelled. */
function countingStream(chunks: number, size: number) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled >= chunks) return controller.close();
      seen.pulled++;
      controller.enqueue(new Uint8Array(size));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

describe("readBodyPrefix", () => {
  it("reads a small body whole", async () => {
    expect(await readBodyPrefix(new Response("hello"), 64 * 1024)).toEqual({ bytes: 5, truncated: false });
  });

  it("stops at the limit and cancels the stream (an endless body is never downloaded)", async () => {
    const { stream, seen } = countingStream(Number.POSITIVE_INFINITY, 16 * 1024);
    const read = await readBodyPrefix(new Response(stream), 64 * 1024);
    expect(read).toEqual({ bytes: 64 * 1024, truncated: true });
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThanOrEqual(6);
  });
});

describe("runInBrowser", () => {
  it("reports allowed with the status and readable headers, reading at most the body limit", async () => {
    const { stream, seen } = countingStream(1000, 64 * 1024);
    const fetchStub = (async () => new Response(stream, { status: 201, headers: { "x-seen": "1" } })) as typeof fetch;
    const outcome = await runInBrowser("http://api.test/x", {}, PAGE, { fetch: fetchStub });
    expect(outcome).toMatchObject({ outcome: "allowed", status: 201, pageOrigin: PAGE, exposedHeaders: { "x-seen": "1" } });
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThan(4);
  });

  it("gives up after the timeout: blocked, \"no answer within … s\", and the request is aborted", async () => {
    let aborted = false;
    const hanging = ((_url: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => {
          aborted = true;
          reject(init.signal?.reason);
        });
      })) as typeof fetch;
    const outcome = await runInBrowser("http://api.test/hang", {}, PAGE, { fetch: hanging, timeoutMs: 50 });
    expect(aborted).toBe(true);
    expect(outcome.outcome).toBe("blocked");
    expect(outcome.error).toMatch(/^No answer within 0 s/);
    expect(outcome.durationMs).toBeGreaterThanOrEqual(40);
  });

  it("reports the TypeError of a blocked request as the browser gave it", async () => {
    const failing = (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch;
    expect(await runInBrowser("http://api.test/x", {}, PAGE, { fetch: failing })).toMatchObject({ outcome: "blocked", error: "TypeError: Failed to fetch" });
  });
});
