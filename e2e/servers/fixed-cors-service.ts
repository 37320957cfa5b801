// A stand-in for a real service during a domain migration: answers CORS from
// a fixed allowlist (not from Corsboard), so a test can make a service that
// allows the old origin only, both, or none — or one that ignores the
// allowlist Corsboard publishes (drift). Endpoints: GET /health and
// GET|POST /api/orders; anything else is 404. Preflights (OPTIONS with
// Access-Control-Request-Method) are answered 204 with the CORS headers when
// the origin is allowed, 403 without them otherwise.
// https://fetch.spec.whatwg.org/#http-responses

import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FixedCorsServiceOptions {
  /** Origins answered with Access-Control-Allow-Origin (exact match). */
  readonly allow: readonly string[];
  /** Also send Access-Control-Allow-Credentials: true (default true). */
  readonly credentials?: boolean;
  /**
   * Authentication in front of CORS: every preflight is answered 401 without
   * CORS headers, as an auth middleware registered before the CORS one does
   * (browsers never send credentials on a preflight). Default false.
   */
  readonly authBeforeCors?: boolean;
  /** Listen on this port (default: any free port). */
  readonly port?: number;
  readonly host?: string;
}

export interface FixedCorsService {
  readonly port: number;
  /** `http://127.0.0.1:<port>`. */
  readonly base: string;
  /** Requests received, as "METHOD /path Origin". */
  readonly seen: string[];
  close(): Promise<void>;
}

const PATHS = new Set(["/health", "/api/orders"]);

export async function startFixedCorsService(options: FixedCorsServiceOptions): Promise<FixedCorsService> {
  const allow = new Set(options.allow);
  const credentials = options.credentials ?? true;
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const origin = req.headers.origin;
    seen.push(`${req.method} ${path} ${origin ?? "-"}`);
    res.setHeader("Vary", "Origin");
    const allowed = origin !== undefined && allow.has(origin);
    const cors = () => {
      res.setHeader("Access-Control-Allow-Origin", origin as string);
      if (credentials) res.setHeader("Access-Control-Allow-Credentials", "true");
    };
    if (!PATHS.has(path)) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    if (req.method === "OPTIONS" && req.headers["access-control-request-method"]) {
      if (options.authBeforeCors) {
        res.writeHead(401, { "WWW-Authenticate": "Bearer" }).end();
        return;
      }
      if (!allowed) {
        res.writeHead(403).end();
        return;
      }
      cors();
      res.setHeader("Access-Control-Allow-Methods", "GET, POST");
      res.setHeader("Access-Control-Allow-Headers", "Content-Type");
      res.setHeader("Access-Control-Max-Age", "5");
      res.writeHead(204).end();
      return;
    }
    if (allowed) cors();
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(path === "/health" ? { ok: true } : { orders: [] }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
