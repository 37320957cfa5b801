// A local HTTP server on 127.0.0.1 with one CORS scenario per path, recording
// every request it sees. For the probe's integration tests and the CLI test.

import http from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
}

export interface ScenarioServer {
  readonly base: string;
  readonly port: number;
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

export const SCENARIO_ORIGIN = "https://app.example";

export async function startScenarioServer(): Promise<ScenarioServer> {
  const seen: SeenRequest[] = [];
  let port = 0;
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    seen.push({ method: req.method ?? "", path, headers: req.headers });
    const origin = typeof req.headers.origin === "string" ? req.headers.origin : "";
    const preflightOk = {
      "Access-Control-Allow-Origin": origin,
      "Access-Control-Allow-Methods": "GET, PUT, DELETE",
      "Access-Control-Allow-Headers": "Content-Type, X-Api-Key",
      "Access-Control-Max-Age": "600",
    };
    const isPreflight = req.method === "OPTIONS";
    switch (path) {
      case "/ok":
        res.writeHead(isPreflight ? 204 : 200, isPreflight ? preflightOk : { "Access-Control-Allow-Origin": origin, "Content-Type": "application/json" });
        return res.end(isPreflight ? undefined : "{}");
      case "/no-acao":
        res.writeHead(isPreflight ? 204 : 200, isPreflight ? { "Access-Control-Allow-Methods": "PUT", "Access-Control-Allow-Headers": "content-type" } : {});
        return res.end();
      case "/header-not-allowed":
        res.writeHead(isPreflight ? 204 : 200, isPreflight ? { ...preflightOk, "Access-Control-Allow-Headers": "X-Other" } : { "Access-Control-Allow-Origin": origin });
        return res.end();
      case "/actual-blocked":
        res.writeHead(isPreflight ? 204 : 200, isPreflight ? preflightOk : { "Content-Type": "text/plain" });
        return res.end(isPreflight ? undefined : "no cors here");
      case "/preflight-redirect":
        res.writeHead(isPreflight ? 301 : 200, isPreflight ? { Location: "/ok", "Access-Control-Allow-Origin": origin } : { "Access-Control-Allow-Origin": origin });
        return res.end();
      case "/actual-redirect":
        res.writeHead(302, { Location: "https://elsewhere.example/next", "Access-Control-Allow-Origin": origin });
        return res.end();
      case "/multi-acao":
        res.writeHead(200, [
          ["Access-Control-Allow-Origin", origin],
          ["Access-Control-Allow-Origin", "https://other.example"],
        ]);
        return res.end();
      case "/big": {
        res.writeHead(200, { "Access-Control-Allow-Origin": origin, "Content-Type": "application/octet-stream" });
        const chunk = Buffer.alloc(16 * 1024, 120);
        let sent = 0;
        const pump = (): void => {
          while (sent < 4 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          res.end();
        };
        res.on("error", () => undefined);
        return pump();
      }
      // Redirect chains (followed by the probe like the browser does). `other.test` must resolve to 127.0.0.1.
      case "/redirect-same-origin":
        res.writeHead(302, { Location: "/ok", "Access-Control-Allow-Origin": origin });
        return res.end();
      case "/redirect-303":
        res.writeHead(isPreflight ? 204 : 303, isPreflight ? { ...preflightOk, "Access-Control-Allow-Methods": "POST, PUT" } : { Location: "/ok", "Access-Control-Allow-Origin": origin });
        return res.end();
      case "/redirect-307-cross-origin":
        res.writeHead(isPreflight ? 204 : 307, isPreflight ? preflightOk : { Location: `http://other.test:${port}/ok`, "Access-Control-Allow-Origin": origin });
        return res.end();
      case "/redirect-cross-origin-auth":
        res.writeHead(isPreflight ? 204 : 307, isPreflight ? { ...preflightOk, "Access-Control-Allow-Headers": "Authorization" } : { Location: `http://other.test:${port}/ok`, "Access-Control-Allow-Origin": origin });
        return res.end();
      case "/redirect-loop":
        res.writeHead(302, { Location: "/redirect-loop", "Access-Control-Allow-Origin": origin });
        return res.end();
      case "/redirect-bad-port":
        // `?port=` picks the bad port (default 6666).
        res.writeHead(302, { Location: `http://127.0.0.1:${new URL(req.url ?? "/", "http://x").searchParams.get("port") ?? "6666"}/ok`, "Access-Control-Allow-Origin": origin });
        return res.end();
      case "/redirect-nowhere":
        res.writeHead(302, { Location: `http://nowhere.test:${port}/ok`, "Access-Control-Allow-Origin": origin });
        return res.end();
      case "/big-headers": {
        // A long header value, as a Content-Security-Policy or many cookies make: `?kib=` sets its size.
        const kib = Number(new URL(req.url ?? "/", "http://x").searchParams.get("kib") ?? "20");
        res.writeHead(200, { "Access-Control-Allow-Origin": origin, "Content-Security-Policy": "a".repeat(kib * 1024) });
        return res.end();
      }
      case "/hang":
        return; // never answers
      default:
        res.writeHead(404);
        return res.end();
    }
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
