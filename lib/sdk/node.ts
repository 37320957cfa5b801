import type { IncomingMessage, ServerResponse } from "node:http";
import { appendVary, handle } from "./handle";
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
    const result = handle(client, { method: req.method ?? "GET", headers: req.headers });
    for (const [name, value] of Object.entries(result.headers)) {
      if (name.toLowerCase() === "vary") {
        const existing = res.getHeader("vary");
        res.setHeader("Vary", appendVary(Array.isArray(existing) ? existing.join(", ") : existing === undefined ? null : String(existing), value));
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
