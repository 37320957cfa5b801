import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { FastPath } from "@/lib/server/fast-path/fast-path";

/**
 * The config API's two transports side by side, for the integration suite:
 * "next" calls the route handlers with Web Requests (as Next does);
 * "fast-path" sends real HTTP to the fast path's node:http handler (as the
 * production custom server does) AND the same request to the route handler,
 * and records any difference in status, headers or body bytes — so every
 * case of the suite proves the two answer identically.
 */
export type ConfigTransport = "next" | "fast-path";
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Headers the transport itself adds or drops (node:http writes these; a Web Response has none). */
const TRANSPORT_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);

/**
 * How long two differing answers may take to agree before the difference
 * counts: as long as the suite's own polls wait for a change to land (2 s).
 * A real difference between the transports never goes away.
 */
const SETTLE_MS = 2_000;

export interface TransportHarness {
  /** The answer to `init` at `url`, through this transport. */
  call(handler: Handler, url: string, params: Record<string, string>, init?: RequestInit): Promise<Response>;
  /** Differences found so far between the route handler and the fast path. */
  mismatches: string[];
  /** How many long-lived subscribers one long-poll call makes (2 when both transports are asked). */
  lanes: number;
  stop(): Promise<void>;
}

interface Compared {
  response: Response;
  differences: string[];
}

export async function transportHarness(
  transport: ConfigTransport,
  fastPath: () => FastPath,
  fastPathHandlers: Handler[],
  options: { settleMs?: number } = {},
): Promise<TransportHarness> {
  const settleMs = options.settleMs ?? SETTLE_MS;
  const direct = (handler: Handler, url: string, params: Record<string, string>, init: RequestInit = {}) =>
    handler(new Request(url, init), { params: Promise.resolve(params) });
  if (transport === "next") return { call: direct, mismatches: [], lanes: 1, stop: async () => {} };

  const server = http.createServer((req, res) => {
    if (!fastPath().handle(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const mismatches: string[] = [];

  /** The same request through the fast path (over HTTP) and the route handler, at once; their differences. */
  const both = async (handler: Handler, url: string, params: Record<string, string>, init: RequestInit): Promise<Compared> => {
    const isStream = new URL(url).pathname.endsWith("/stream");
    const [fast, next] = await Promise.all([overHttp(port, url, init), direct(handler, url, params, init).catch((error: unknown) => error as Error)]);
    if (next instanceof Error) {
      // Both were aborted by the caller (a client going away): nothing to compare.
      if (fast instanceof Error) throw fast;
      return { response: fast, differences: [] };
    }
    if (fast instanceof Error) {
      await next.body?.cancel().catch(() => {});
      throw fast;
    }
    const differences: string[] = [];
    const label = `${init.method ?? "GET"} ${url} ${JSON.stringify(init.headers ?? {})}`;
    if (fast.status !== next.status) differences.push(`${label}: status ${fast.status} (fast path) vs ${next.status} (route)`);
    const fh = headerMap(fast.headers);
    const nh = headerMap(next.headers);
    for (const k of TRANSPORT_HEADERS) {
      delete fh[k];
      delete nh[k];
    }
    if (JSON.stringify(fh) !== JSON.stringify(nh)) differences.push(`${label}: headers ${JSON.stringify(fh)} (fast path) vs ${JSON.stringify(nh)} (route)`);
    if (isStream && next.status === 200) {
      // A live stream: its events are checked by the suite's own assertions; the route's copy is closed.
      await next.body?.cancel().catch(() => {});
      return { response: fast, differences };
    }
    const [fb, nb] = await Promise.all([bytes(fast), bytes(next)]);
    if (!fb.equals(nb)) differences.push(`${label}: body ${fb.length} bytes (fast path) vs ${nb.length} (route)`);
    return { response: new Response(fast.status === 304 ? null : new Uint8Array(fb), { status: fast.status, headers: fast.headers }), differences };
  };

  return {
    mismatches,
    lanes: 2,
    async call(handler, url, params, init = {}) {
      if (!fastPathHandlers.includes(handler)) return direct(handler, url, params, init);
      let answer = await both(handler, url, params, init);
      if (answer.differences.length === 0 || init.signal || new URL(url).searchParams.has("waitForChange")) {
        mismatches.push(...answer.differences);
        return answer.response;
      }
      // The state may move while the two answer (a revocation or publish landing between
      // them, as a test polls for it): the route handler is asked first and the fast path a
      // socket round trip later. One more round usually agrees, but a state that moves again
      // meanwhile would not: ask both until they agree; only a difference outlasting settleMs counts.
      const deadline = Date.now() + settleMs;
      while (answer.differences.length > 0 && Date.now() < deadline) {
        await answer.response.body?.cancel().catch(() => {});
        answer = await both(handler, url, params, init);
      }
      mismatches.push(...answer.differences);
      return answer.response;
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function headerMap(headers: Headers): Record<string, string> {
  return Object.fromEntries([...headers.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

async function bytes(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

/** Raw HTTP (no automatic decompression, no added headers), as a Web Response streaming the body. */
function overHttp(port: number, url: string, init: RequestInit): Promise<Response | Error> {
  const u = new URL(url);
  const headers = Object.fromEntries(new Headers(init.headers).entries());
  return new Promise((resolve) => {
    const req = http.request({ host: "127.0.0.1", port, path: u.pathname + u.search, method: init.method ?? "GET", headers, agent: false }, (res) => {
      const h = new Headers();
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(", ") : v);
      const status = res.statusCode ?? 0;
      const body = status === 304 ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
      if (!body) res.resume();
      resolve(new Response(body, { status, headers: h }));
    });
    const signal = init.signal;
    if (signal) {
      const onAbort = () => req.destroy(new Error("aborted by the client"));
      if (signal.aborted) onAbort();
      else signal.addEventListener("abort", onAbort, { once: true });
    }
    req.on("error", (error) => resolve(error));
    if (init.body) req.write(init.body as string);
    req.end();
  });
}
