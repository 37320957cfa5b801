import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The config API's real route handlers behind a plain node:http server, for
 * tests that need Corsboard over HTTP (the SDK, the example service) without
 * a Next.js build. Requests and responses are converted to and from Web
 * Request/Response as Next does; streamed bodies (SSE) are piped as they
 * come, and a client that disconnects aborts `request.signal`.
 * `stop()` closes every connection at once: Corsboard is "down".
 */
type Handler = (req: Request, ctx: { params: Promise<{ project: string; environment: string }> }) => Promise<Response>;

export interface RouteModules {
  config: { GET: Handler };
  stream: { GET: Handler };
  observed: { POST: Handler };
}

export interface RouteServer {
  url: string;
  port: number;
  /** Status codes answered so far, in order. */
  statuses: number[];
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
}

export async function startRouteServer(routes: RouteModules, port = 0): Promise<RouteServer> {
  const statuses: number[] = [];
  let server = createServer(routes, statuses);
  await listen(server, port);
  const actual = (server.address() as AddressInfo).port;
  const result: RouteServer = {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    statuses,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    async restart() {
      server = createServer(routes, statuses);
      await listen(server, actual);
    },
  };
  return result;
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
}

function createServer(routes: RouteModules, statuses: number[]): http.Server {
  return http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const m = /^\/api\/v1\/config\/([^/]+)\/([^/]+)(\/stream|\/observed)?$/.exec(url.pathname);
    const handler = !m ? null : m[3] === "/stream" ? (req.method === "GET" ? routes.stream.GET : null) : m[3] === "/observed" ? (req.method === "POST" ? routes.observed.POST : null) : req.method === "GET" ? routes.config.GET : null;
    if (!m || !handler) {
      statuses.push(404);
      res.writeHead(404).end();
      return;
    }
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    const chunks: Buffer[] = [];
    if (req.method === "POST") for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers,
      body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
      signal: abort.signal,
    });
    const response = await handler(request, { params: Promise.resolve({ project: decodeURIComponent(m[1]!), environment: decodeURIComponent(m[2]!) }) });
    statuses.push(response.status);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) return void res.end();
    const reader = response.body.getReader();
    abort.signal.addEventListener("abort", () => void reader.cancel().catch(() => {}));
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        res.write(value);
      }
    } catch {
      // client gone
    }
    res.end();
  });
}
