// Target services for the tester's browser tests, on one port under several
// *.test names (Chromium and the e2e dashboard's probe both map *.test to
// 127.0.0.1). Each path prefix is one server behaviour:
//
//   /allow/…   a correct CORS setup: allows the listed origins (preflight and
//              actual), echoes the requested headers, exposes X-Request-Id.
//   /strict/…  the classic "auth breaks CORS": auth middleware runs before
//              CORS, so the preflight (which never carries credentials) gets
//              401 without any Access-Control-* header; the real request
//              would have been fine.
//   /cdn/…     a CDN rule that adds CORS headers only for browser User-Agents
//              ("Mozilla/…"): browsers pass, the server probe does not — the
//              disagreement case.
//   /cached/…  a policy that changes: while `setCachedPolicyAllows(true)` the
//              preflight allows the listed origins with Access-Control-Max-Age
//              600; after `false` preflights get no CORS headers (the actual
//              response keeps them). A browser that cached the first
//              preflight keeps sending; a fresh preflight (the probe's) fails.
//   /no-options/…  answers GET/POST with CORS headers for the listed origins
//              but never handles OPTIONS (405 without CORS headers): a request
//              only Chromium sends without a preflight (a client hint such as
//              DPR) passes in Chromium and fails in Firefox — the two-engine case.
//   /hang/…    allows the listed origins' preflight, then never answers the
//              actual request (the browser run's timeout).
//   /huge/…    allows the listed origins and streams up to 256 MiB of body,
//              counting what it managed to write before the client hung up
//              (`bytesWritten`): the browser run reads 64 KiB, then cancels.
//
// Every request is logged, so a test can prove the actual request never
// reached the server when the preflight failed.

import http from "node:http";
import type { AddressInfo } from "node:net";

export interface TargetRequest {
  readonly method: string;
  readonly path: string;
  readonly origin: string | undefined;
  readonly userAgent: string | undefined;
}

/** What a /huge/ response wrote before it finished or the client closed the connection. */
export interface HugeResponse {
  bytesWritten: number;
  finished: boolean;
}

/** The most a /huge/ response streams. */
export const HUGE_BODY_BYTES = 256 * 1024 * 1024;

export interface TesterTargets {
  /** `http://api.test:<port>` */
  readonly origin: string;
  readonly port: number;
  requests(pathPrefix: string): readonly TargetRequest[];
  setCachedPolicyAllows(allows: boolean): void;
  /** The /huge/ responses so far, in order. */
  hugeResponses(): readonly HugeResponse[];
  close(): Promise<void>;
}

export async function startTesterTargets(options: { allowedOrigins: readonly string[] }): Promise<TesterTargets> {
  const allowed = new Set(options.allowedOrigins);
  const log: TargetRequest[] = [];
  let cachedPolicyAllows = true;
  const huge: HugeResponse[] = [];

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://placeholder").pathname;
    const origin = req.headers.origin;
    const userAgent = req.headers["user-agent"];
    log.push({ method: req.method ?? "", path, origin, userAgent });
    req.resume();

    const corsHeaders = (): Record<string, string> =>
      origin && allowed.has(origin)
        ? {
            "Access-Control-Allow-Origin": origin,
            "Access-Control-Allow-Credentials": "true",
            "Access-Control-Expose-Headers": "X-Request-Id",
            Vary: "Origin",
          }
        : { Vary: "Origin" };
    const preflightHeaders = (maxAge = 0): Record<string, string> =>
      origin && allowed.has(origin)
        ? {
            ...corsHeaders(),
            "Access-Control-Allow-Methods": "GET, HEAD, POST, PUT, PATCH, DELETE",
            "Access-Control-Allow-Headers": String(req.headers["access-control-request-headers"] ?? ""),
            "Access-Control-Max-Age": String(maxAge),
          }
        : { Vary: "Origin" };
    const json = (status: number, body: unknown, headers: Record<string, string>) => {
      res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store", "X-Request-Id": `req-${log.length}`, ...headers });
      res.end(req.method === "HEAD" ? undefined : JSON.stringify(body));
    };

    if (path.startsWith("/allow/")) {
      if (req.method === "OPTIONS") return json(204, "", preflightHeaders());
      return json(200, { ok: true, path }, corsHeaders());
    }
    if (path.startsWith("/strict/")) {
      // Auth first, CORS second: the preflight has no Authorization header, so it is refused.
      if (!req.headers.authorization) return json(401, { error: "missing bearer token" }, { "WWW-Authenticate": "Bearer" });
      if (req.method === "OPTIONS") return json(204, "", preflightHeaders());
      return json(200, { ok: true }, corsHeaders());
    }
    if (path.startsWith("/cdn/")) {
      const fromBrowser = typeof userAgent === "string" && userAgent.startsWith("Mozilla/");
      const headers = fromBrowser ? (req.method === "OPTIONS" ? preflightHeaders() : corsHeaders()) : {};
      return json(req.method === "OPTIONS" ? 204 : 200, req.method === "OPTIONS" ? "" : { ok: true }, headers);
    }
    if (path.startsWith("/cached/")) {
      if (req.method === "OPTIONS") return json(204, "", cachedPolicyAllows ? preflightHeaders(600) : { Vary: "Origin" });
      return json(200, { ok: true }, corsHeaders());
    }
    if (path.startsWith("/no-options/")) {
      if (req.method === "OPTIONS") return json(405, { error: "method not allowed" }, { Allow: "GET, HEAD, POST" });
      return json(200, { ok: true }, corsHeaders());
    }
    if (path.startsWith("/hang/")) {
      if (req.method === "OPTIONS") return json(204, "", preflightHeaders());
      return; // never answers; close() drops the connection
    }
    if (path.startsWith("/huge/")) {
      if (req.method === "OPTIONS") return json(204, "", preflightHeaders());
      const entry: HugeResponse = { bytesWritten: 0, finished: false };
      huge.push(entry);
      res.writeHead(200, { "Content-Type": "application/octet-stream", "Cache-Control": "no-store", ...corsHeaders() });
      const chunk = Buffer.alloc(64 * 1024, 120);
      let closed = false;
      res.on("close", () => {
        closed = true;
      });
      const pump = () => {
        while (!closed && entry.bytesWritten < HUGE_BODY_BYTES) {
          entry.bytesWritten += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        if (!closed) {
          entry.finished = true;
          res.end();
        }
      };
      return pump();
    }
    json(404, { error: "no such target" }, {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://api.test:${port}`,
    port,
    requests: (prefix) => log.filter((r) => r.path.startsWith(prefix)),
    setCachedPolicyAllows: (allows) => {
      cachedPolicyAllows = allows;
    },
    hugeResponses: () => huge,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Starts the targets before a file's tests and closes them after; the getter returns them inside tests. */
export function testerTargetsFor(
  hooks: { beforeAll(fn: () => Promise<void>): void; afterAll(fn: () => Promise<void>): void },
  options: { allowedOrigins: readonly string[] },
): () => TesterTargets {
  let targets: TesterTargets | undefined;
  hooks.beforeAll(async () => {
    targets = await startTesterTargets(options);
  });
  hooks.afterAll(async () => {
    await targets?.close();
  });
  return () => {
    if (targets === undefined) throw new Error("the tester targets are not started");
    return targets;
  };
}
