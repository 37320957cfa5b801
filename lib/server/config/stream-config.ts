import { streamQuerySchema } from "@/lib/api/schemas/config";
import { authorizeConfigRequest } from "@/lib/server/config/config-access";
import type { LatestPolicy } from "@/lib/server/config/policy-cache";
import { validationFailed } from "@/lib/server/errors";
import { errorToResponse } from "@/lib/server/http/problem-response";
import { fieldErrorsFromZod } from "@/lib/server/http/zod-errors";
import { logger } from "@/lib/server/logger";

const DEFAULT_HEARTBEAT_SECONDS = 15;
const RETRY_MS = 3_000;

/**
 * `GET /api/v1/config/{project}/{environment}/stream`: Server-Sent Events.
 * One `policy` event per new version (`id:` = version number, `data:` = the
 * same JSON document as the plain GET). On connect, the current version is
 * sent unless the client already has it (`Last-Event-ID` header, or
 * `?lastEventId=`; EventSource sends the header itself when it reconnects).
 * A comment line every 15 s (`?heartbeat=` to change) keeps proxies from
 * closing an idle connection and lets clients detect a dead one.
 * Authorisation and the first read happen before the stream starts, so
 * errors are ordinary problem answers (401/403/404/500).
 */
export async function streamConfig(req: Request, params: { project?: string; environment?: string }): Promise<Response> {
  try {
    const access = await authorizeConfigRequest(req, params);
    const parsed = streamQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!parsed.success) throw validationFailed(fieldErrorsFromZod(parsed.error, "query"));
    const headerId = Number(req.headers.get("last-event-id") ?? "");
    const lastEventId = parsed.data.lastEventId ?? (Number.isInteger(headerId) && headerId > 0 ? headerId : null);
    const heartbeatMs = (parsed.data.heartbeat ?? DEFAULT_HEARTBEAT_SECONDS) * 1000;
    const { runtime, environmentId } = access;
    const initial = await runtime.policies.latest(environmentId);

    const encoder = new TextEncoder();
    let cleanup = () => {};
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        let closed = false;
        let lastSent = lastEventId;
        let queue: Promise<void> = Promise.resolve();
        const write = (text: string) => {
          if (closed) return;
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            cleanup();
          }
        };
        const record = (version: number) =>
          runtime.usage.record({ environmentId, tokenId: access.token.id, instance: access.instance, version, mode: "sse", userAgent: access.userAgent });
        const push = (latest: LatestPolicy | null) => {
          if (!latest || latest.version.version === lastSent) return;
          const version = latest.version.version;
          const body = latest.render(access.names, "json").body.toString("utf8");
          write(`event: policy\nid: ${version}\ndata: ${body}\n\n`);
          lastSent = version;
          record(version);
        };
        const check = () => {
          queue = queue.then(async () => {
            if (closed) return;
            try {
              push(await runtime.policies.latest(environmentId));
            } catch (error) {
              // The client reconnects (with its Last-Event-ID) and gets a fresh read.
              logger().warn({ err: error instanceof Error ? error.message : String(error) }, "config stream could not read the latest version");
              cleanup();
            }
          });
        };
        const unsubscribe = runtime.listener.subscribeEnvironment(environmentId, check);
        const heartbeat = setInterval(() => {
          write(`: heartbeat ${new Date().toISOString()}\n\n`);
          if (lastSent !== null) record(lastSent);
        }, heartbeatMs);
        const onAbort = () => cleanup();
        cleanup = () => {
          if (closed) return;
          closed = true;
          unsubscribe();
          clearInterval(heartbeat);
          runtime.usage.closed({ environmentId, tokenId: access.token.id, instance: access.instance });
          req.signal.removeEventListener("abort", onAbort);
          try {
            controller.close();
          } catch {
            // already closed or cancelled
          }
        };
        req.signal.addEventListener("abort", onAbort);
        runtime.usage.opened({ environmentId, tokenId: access.token.id, instance: access.instance, version: lastSent, mode: "sse", userAgent: access.userAgent });
        write(`retry: ${RETRY_MS}\n\n`);
        if (!initial) write(`: nothing published yet for ${access.names.project}/${access.names.environment}\n\n`);
        // Subscribed first, then read (from the cache): a publish in between is not missed.
        check();
        if (req.signal.aborted) cleanup();
      },
      cancel() {
        cleanup();
      },
    });
    return new Response(stream, {
      status: 200,
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        // no-transform: a compressing proxy (or Next's own compression) must not buffer events.
        "cache-control": "no-cache, no-transform",
        "x-accel-buffering": "no",
      },
    });
  } catch (error) {
    return errorToResponse(error);
  }
}
