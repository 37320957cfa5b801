import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { problemReply } from "@/lib/server/http/problem-response";
import { metrics } from "@/lib/server/metrics/metrics";

/**
 * GET /metrics (Prometheus text). `token` set → a bearer token is required
 * (compared in constant time); null → open (the dedicated metrics port).
 */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse, token: string | null): Promise<void> {
  if (token !== null && !bearerMatches(req.headers.authorization, token)) {
    const problem = problemReply({ status: 401, code: "unauthorized", detail: "GET /metrics needs `Authorization: Bearer <CORSBOARD_METRICS_TOKEN>`." });
    res.writeHead(problem.status, { ...problem.headers, "www-authenticate": "Bearer" });
    res.end(problem.body);
    return;
  }
  const registry = metrics().registry;
  const body = await registry.metrics();
  res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
  res.end(body);
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  // Hashes have one length whatever the input, so the comparison leaks nothing about the token's length either.
  const given = createHash("sha256").update(m?.[1] ?? "").digest();
  const wanted = createHash("sha256").update(token).digest();
  return timingSafeEqual(given, wanted) && m !== null;
}
