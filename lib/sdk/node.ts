import type { IncomingHttpHeaders, IncomingMessage, RequestListener, ServerResponse } from "node:http";
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
 * In front of a whole app (cheaper, same behaviour): corsboardHandler below.
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

/**
 * The same middleware in front of a whole app instead of inside it:
 * `http.createServer(corsboardHandler(client, app)).listen(port)` in place of
 * `app.listen(port)` (Express, Connect, or any `(req, res)` listener).
 * Behaviour is that of `app.use(corsboardMiddleware(client))` as the first
 * middleware — preflights are answered before the app runs at all, other
 * requests get their headers and go on to `app` — but it costs less: no
 * framework layer is dispatched for it, and the headers are set on node's own
 * response object before the framework changes its prototype (Express does,
 * which makes each later `setHeader` slower). README ("Overhead") has the figures.
 */
export function corsboardHandler(client: CorsboardClient, app: RequestListener): RequestListener {
  const cors = corsboardMiddleware(client);
  return function corsboardInFront(req, res) {
    cors(req, res, () => app(req, res));
  };
}

/** Node's parsed headers: lowercase names, one string each (repeated ones joined by Node, set-cookie aside). */
function nodeHeader(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return value === undefined ? null : typeof value === "string" ? value : value.join(", ");
}
