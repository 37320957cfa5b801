import { api } from "@/lib/api/routes";
import { authorizeConfigRequest } from "@/lib/server/config/config-access";
import { problemConfigReply, toWebResponse, type ConfigHttpRequest, type ConfigParams, type ConfigReply } from "@/lib/server/config/config-http";
import type { LatestPolicy } from "@/lib/server/config/policy-cache";
import type { Rendered } from "@/lib/server/config/render-config";
import { onEveryInterval } from "@/lib/server/config/shared-interval";
import { shuttingDown } from "@/lib/server/config/shutting-down";
import { joinFanOut } from "@/lib/server/config/stream-fan-out";
import { validationFailed } from "@/lib/server/errors";
import { fieldErrorsFromZod } from "@/lib/server/http/zod-errors";
import { logger } from "@/lib/server/logger";
import { metrics } from "@/lib/server/metrics/metrics";

const DEFAULT_HEARTBEAT_SECONDS = 15;
const RETRY_MS = 3_000;

/** Where a stream's text goes: the transport's response body. */
export interface StreamSink {
  write(chunk: string | Uint8Array): void;
  /** Ends the response (the client reconnects). */
  end(): void;
}

/** An accepted stream: the headers to send, then `start` writes events until the client leaves or the process shuts down. */
export interface ConfigStream {
  status: 200;
  headers: Record<string, string>;
  /** Returns the function that ends the stream from the transport's side (client gone). */
  start(sink: StreamSink): () => void;
}

export const STREAM_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform: a compressing proxy (or Next's own compression) must not buffer events.
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
};

/**
 * `GET /api/v1/config/{project}/{environment}/stream`: Server-Sent Events.
 * One `policy` event per new version (`id:` = version number, `data:` = the
 * same JSON document as the plain GET). On connect, the current version is
 * sent unless the client already has it (`Last-Event-ID` header, or
 * `?lastEventId=`; EventSource sends the header itself when it reconnects).
 * A comment line every 15 s (`?heartbeat=` to change; one shared timer per
 * period for all streams) keeps proxies from closing an idle connection and
 * lets clients detect a dead one. Authorisation and the first read happen
 * before the stream starts, so errors are ordinary problem answers
 * (401/403/404/500). At shutdown every stream is ended at once.
 * Transport-independent: see config-http.ts.
 */
export async function streamConfig(req: ConfigHttpRequest, params: ConfigParams): Promise<ConfigReply | ConfigStream> {
  try {
    const access = await authorizeConfigRequest(req, params);
    const parsed = api["GET /api/v1/config/{project}/{environment}/stream"].query.safeParse(Object.fromEntries(new URLSearchParams(req.queryString)));
    if (!parsed.success) throw validationFailed(fieldErrorsFromZod(parsed.error, "query"));
    const headerId = Number(req.headers.get("last-event-id") ?? "");
    const lastEventId = parsed.data.lastEventId ?? (Number.isInteger(headerId) && headerId > 0 ? headerId : null);
    const heartbeatMs = (parsed.data.heartbeat ?? DEFAULT_HEARTBEAT_SECONDS) * 1000;
    const { runtime, environmentId } = access;
    if (runtime.connections.draining) throw shuttingDown();
    const initial = await runtime.policies.latest(environmentId);
    metrics().configRequests.inc({ status: "200", format: "json", mode: "sse" });

    return {
      status: 200,
      headers: { ...STREAM_HEADERS },
      start(sink) {
        let closed = false;
        let lastSent = lastEventId;
        let pushed = false;
        const write = (text: string | Uint8Array) => {
          if (closed) return;
          try {
            sink.write(text);
          } catch {
            cleanup();
          }
        };
        const record = (version: number) =>
          runtime.usage.record({ environmentId, tokenId: access.token.id, instance: access.instance, version, mode: "sse", userAgent: access.userAgent });
        const push = (latest: LatestPolicy | null) => {
          pushed = true;
          if (closed || !latest || latest.version.version === lastSent) return;
          const version = latest.version.version;
          write(eventFrame(latest.render(access.names, "json"), version));
          lastSent = version;
          record(version);
        };
        // The client reconnects (with its Last-Event-ID) and gets a fresh read.
        const leave = joinFanOut(runtime, environmentId, { push, fail: () => cleanup() });
        const stopHeartbeat = onEveryInterval(heartbeatMs, () => {
          write(`: heartbeat ${new Date().toISOString()}\n\n`);
          if (lastSent !== null) record(lastSent);
        });
        const untrack = runtime.connections.track("sse", () => cleanup());
        metrics().openStreams.inc();
        const onAbort = () => cleanup();
        const cleanup = () => {
          if (closed) return;
          closed = true;
          leave();
          stopHeartbeat();
          untrack();
          metrics().openStreams.dec();
          req.signal.removeEventListener("abort", onAbort);
          onStreamClosed();
          try {
            sink.end();
          } catch {
            // already closed or cancelled
          }
        };
        /** The one place a closed stream (client gone, error, shutdown) is noticed: consumer bookkeeping hooks in here. */
        const onStreamClosed = () => runtime.usage.closed({ environmentId, tokenId: access.token.id, instance: access.instance });
        req.signal.addEventListener("abort", onAbort);
        runtime.usage.opened({ environmentId, tokenId: access.token.id, instance: access.instance, version: lastSent, mode: "sse", userAgent: access.userAgent });
        write(`retry: ${RETRY_MS}\n\n`);
        if (!initial) write(`: nothing published yet for ${access.names.project}/${access.names.environment}\n\n`);
        // Subscribed first, then read (from the cache): a publish in between is not missed. A
        // fan-out push that lands first is at least as new: the initial read then stands down.
        runtime.policies.latest(environmentId).then(
          (latest) => {
            if (!pushed) push(latest);
          },
          (error: unknown) => {
            logger().warn({ err: error instanceof Error ? error.message : String(error) }, "config stream could not read the latest version");
            cleanup();
          },
        );
        if (req.signal.aborted) cleanup();
        return cleanup;
      },
    };
  } catch (error) {
    const reply = problemConfigReply(error);
    metrics().configRequests.inc({ status: String(reply.status), format: "json", mode: "sse" });
    return reply;
  }
}

/** The `policy` event of a rendering, built once and shared by every subscriber (10,000 streams: one buffer, not 10,000 strings). */
const frames = new WeakMap<Rendered, Buffer>();
function eventFrame(rendered: Rendered, version: number): Buffer {
  let frame = frames.get(rendered);
  if (!frame) {
    frame = Buffer.concat([Buffer.from(`event: policy\nid: ${version}\ndata: `), rendered.body, Buffer.from("\n\n")]);
    frames.set(rendered, frame);
  }
  return frame;
}

export function isConfigStream(answer: ConfigReply | ConfigStream): answer is ConfigStream {
  return "start" in answer;
}

/** Next's side: the stream as a Web Response body. */
export function streamToWebResponse(answer: ConfigReply | ConfigStream): Response {
  if (!isConfigStream(answer)) return toWebResponse(answer);
  const encoder = new TextEncoder();
  let end = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      end = answer.start({
        write: (chunk) => controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk),
        end: () => {
          try {
            controller.close();
          } catch {
            // cancelled by the reader
          }
        },
      });
    },
    cancel() {
      end();
    },
  });
  return new Response(body, { status: 200, headers: answer.headers });
}
