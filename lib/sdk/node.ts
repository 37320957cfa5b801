import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { appendVary, decide } from "./handle";
import type { CorsboardClient } from "./types";

/**
 * Middleware for Node's http, Express and Connect: `app.use(corsboardMiddleware(client))`
 * FIRST, before authentication and body parsing. It answers preflights itself
 * (204 allowed / 403 rejected, no body) so they never reach your auth; on
 * other requests it sets the CORS headers (Vary appended, not overwritten)
 * and calls `next()` — a rejected origin gets no CORS headers, its request
 * still runs (same-origin requests carry an Origin too; the browser enforces
 * CORS). Requests without Origin pass through unless the policy rejects them.
 *
 * Plain node:http: `http.createServer((req, res) => cors(req, res, () => app(req, res)))`.
 */
export function corsboardMiddleware(client: CorsboardClient) {
  return function corsboard(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void {
    const result = decide(client, req.method ?? "GET", req.headers, nodeHeader);
    // The core names its headers itself (Vary is "Vary"); no per-request copies or case folding.
    const headers = result.headers;
    for (const name in headers) {
      const value = headers[name] as string;
      if (name === "Vary") {
        const existing = res.getHeader("vary");
        res.setHeader("Vary", existing === undefined ? value : appendVary(Array.isArray(existing) ? existing.join(", ") : String(existing), value));
      } else {
        res.setHeader(name, value);
      }
    }
    if (result.status !== null) {
      res.statusCode = result.status;
      res.setHeader("Content-Length", "0");
      res.end();
      return;
    }
    next();
  };
}

/** Node's parsed headers: lowercase names, one string each (repeated ones joined by Node, set-cookie aside). */
function nodeHeader(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return value === undefined ? null : typeof value === "string" ? value : value.join(", ");
}
