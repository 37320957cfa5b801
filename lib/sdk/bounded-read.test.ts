import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BodyTooLargeError, handle, readBoundedText, type ConfigDocument } from "@/lib/sdk";
import { SseParser } from "@/lib/sdk/sse-parser";
import { clientServing, documentOf } from "@/lib/sdk/test-support/documents";

// Bounds: a config answer (plain fetch, long-poll) or an SSE event over
// maxConfigBytes is cut off while reading — the request aborted, memory low —
// and refused, the policy in force kept. The "server" is a real HTTP server
// on loopback that can stream without end (a 2 GiB-like answer).

const APP = "https://app.example.com";
const CHUNK = Buffer.alloc(64 * 1024, "x");

type Mode = "good" | "endless" | "declared-huge" | "sse-huge-event" | "sse-endless-line";

let mode: Mode = "good";
let good: ConfigDocument = documentOf({ origins: [{ value: APP, expiresAt: null }] });
let server: http.Server;
let base: string;
/** Resolves when the server sees an endless answer's connection closed by the client. */
let aborted: Promise<number>;
let onAborted: (bytes: number) => void = () => {};

/** Writes chunks as fast as the client reads them until the client goes away. */
function stream(res: http.ServerResponse, chunk: Buffer) {
  let sent = 0;
  const pump = () => {
    while (!res.destroyed && res.write(chunk)) sent += chunk.length;
    if (!res.destroyed) res.once("drain", pump);
  };
  res.on("close", () => onAborted(sent));
  pump();
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const sse = req.url?.includes("/stream");
    if (sse) {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(`event: policy\ndata: ${JSON.stringify(good)}\n\n`);
      if (mode === "sse-huge-event") return stream(res, Buffer.from(`data: ${"x".repeat(60_000)}\n`));
      if (mode === "sse-endless-line") return stream(res, CHUNK);
      return; // stays open, like a live stream
    }
    if (mode === "good" || (req.url?.includes("waitForChange") !== true && mode.startsWith("sse"))) {
      res.writeHead(200, { "content-type": "application/json", etag: `"v${good.version}"` });
      return res.end(JSON.stringify(good));
    }
    if (mode === "declared-huge") {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(2 * 1024 ** 3) });
      return stream(res, CHUNK);
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"project":"p","environment":"e","padding":"');
    stream(res, CHUNK);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

/** Resolves once `condition` holds (checked on every tick of the event loop's timers). */
function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (condition()) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
}

function expectAbort() {
  aborted = new Promise((r) => (onAborted = r));
}

describe("readBoundedText", () => {
  it("refuses an endless answer at the limit, aborting the request, with memory staying low", async () => {
    mode = "endless";
    expectAbort();
    const rssBefore = process.memoryUsage().rss;
    const res = await fetch(`${base}/x`);
    const error = await readBoundedText(res, 8 * 1024 * 1024).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect((error as Error).message).toBe("the config answer is larger than maxConfigBytes (8 MiB): refused. Raise maxConfigBytes if the policy is really this large.");
    const sent = await aborted; // the server saw the connection go away
    expect(sent).toBeLessThan(64 * 1024 * 1024);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(128 * 1024 * 1024);
  });

  it("refuses a Content-Length over the limit before reading", async () => {
    mode = "declared-huge";
    expectAbort();
    const res = await fetch(`${base}/x`);
    await expect(readBoundedText(res, 1024)).rejects.toThrow("the config answer (Content-Length 2147483648) is larger than maxConfigBytes (1 KiB)");
    await aborted;
  });

  it("reads an answer within the limit, multi-byte characters split across chunks included", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        const bytes = new TextEncoder().encode("héllo €");
        c.enqueue(bytes.slice(0, 2));
        c.enqueue(bytes.slice(2, 8));
        c.enqueue(bytes.slice(8));
        c.close();
      },
    });
    expect(await readBoundedText(new Response(body), 10)).toBe("héllo €");
    await expect(readBoundedText(new Response("x".repeat(11)), 10)).rejects.toBeInstanceOf(BodyTooLargeError);
  });
});

describe("SseParser bound", () => {
  it("an event, or a line without end, growing past the limit throws", () => {
    const events = new SseParser(100);
    expect(events.feed(`data: ${"a".repeat(50)}\n\n`)).toHaveLength(1);
    expect(() => {
      for (let i = 0; i < 10; i++) events.feed(`data: ${"a".repeat(20)}\n`);
    }).toThrow(BodyTooLargeError);
    const line = new SseParser(100);
    expect(() => line.feed("data: " + "b".repeat(200))).toThrow("an SSE event from the config stream is larger than maxConfigBytes (100 bytes)");
  });
});

describe("the client keeps the last good policy", () => {
  const allowed = (client: Parameters<typeof handle>[0]) => handle(client, { method: "GET", headers: { origin: APP } }).allowed;

  it("startup: an endless answer is refused with a clear error (the request aborted); nothing is made of it", async () => {
    mode = "endless";
    expectAbort();
    const { client } = await clientServing(good, { url: base, fetch: undefined, maxConfigBytes: 1024 * 1024, startup: { attempts: 1 } });
    await aborted;
    expect(client.status()).toMatchObject({ version: null, source: "none" });
    expect(client.status().lastError?.message).toContain("larger than maxConfigBytes (1 MiB): refused");
    expect(allowed(client)).toBe(false);
    await client.close();
  });

  it("long-poll: an endless answer is refused; version 1 stays in force; lastError is cleared by the next success", async () => {
    mode = "good";
    good = documentOf({ origins: [{ value: APP, expiresAt: null }] }, 1);
    const { client } = await clientServing(good, { url: base, fetch: undefined, refresh: "long-poll", maxConfigBytes: 256 * 1024, pollIntervalMs: 50 });
    expect(client.status().version).toBe(1);
    const failed = until(() => client.status().lastError !== null);
    mode = "endless";
    expectAbort();
    await aborted;
    await failed;
    expect(client.status().lastError?.message).toMatch(/larger than maxConfigBytes \(256 KiB\)/);
    expect(client.status().version).toBe(1);
    expect(allowed(client)).toBe(true);
    // Corsboard answers normally again: the error goes away.
    good = documentOf({ origins: [{ value: APP, expiresAt: null }] }, 2);
    mode = "good";
    await new Promise<void>((resolve) => client.onChange(() => resolve()));
    await until(() => client.status().lastError === null);
    expect(client.status().version).toBe(2);
    await client.close();
  });

  for (const sseMode of ["sse-huge-event", "sse-endless-line"] as const) {
    it(`SSE: ${sseMode === "sse-huge-event" ? "an event larger than the limit" : "a line that never ends"} is refused, the stream dropped, the policy kept`, async () => {
      good = documentOf({ origins: [{ value: APP, expiresAt: null }] }, 1);
      mode = sseMode;
      expectAbort();
      const { client, lines } = await clientServing(good, { url: base, fetch: undefined, refresh: "sse", maxConfigBytes: 512 * 1024, pollIntervalMs: 3_600_000 });
      await aborted;
      // The log line, not status(): the ETag poll that follows a dropped stream clears lastError when it succeeds.
      await until(() => lines.some((l) => l.includes("an SSE event from the config stream is larger than maxConfigBytes (512 KiB)")));
      expect(client.status().version).toBe(1);
      expect(allowed(client)).toBe(true);
      await client.close();
    });
  }
});
