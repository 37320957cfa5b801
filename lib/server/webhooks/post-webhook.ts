import http from "node:http";
import https from "node:https";
import { pinnedLookup, type PinnedTarget } from "@/lib/server/probe/ssrf-guard";

export const WEBHOOK_TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 64 * 1024;

export type PostResult = { ok: true; status: number } | { ok: false; error: string };

/**
 * POST a body to a target the SSRF guard checked, connecting to the pinned
 * address (Host and TLS SNI stay the URL's name). Redirects are not followed
 * (a 3xx is the answer); the response body is read up to 64 KiB and dropped.
 */
export function postWebhook(target: PinnedTarget, body: string, headers: Record<string, string>, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<PostResult> {
  const isHttps = target.url.protocol === "https:";
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const req = (isHttps ? https : http).request(
      {
        method: "POST",
        host: target.hostname,
        port: target.port,
        path: `${target.url.pathname}${target.url.search}`,
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        lookup: pinnedLookup(target.address) as never,
        family: target.address.family,
        agent: false,
        ...(isHttps && target.hostname !== target.address.address ? { servername: target.hostname } : {}),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let read = 0;
        res.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) {
            finish({ ok: true, status });
            res.destroy();
          }
        });
        res.on("end", () => finish({ ok: true, status }));
        res.on("error", () => finish({ ok: true, status }));
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, error: `no answer within ${timeoutMs / 1000} s` });
      req.destroy();
    }, timeoutMs);
    timer.unref?.();
    req.on("error", (error: NodeJS.ErrnoException) => finish({ ok: false, error: `${error.code ?? "error"}: ${error.message}` }));
    req.end(body);
  });
}
