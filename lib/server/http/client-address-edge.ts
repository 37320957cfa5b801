import http from "node:http";
import https from "node:https";
import { edgeHeaders, markEdgeActive, PRIVATE_HEADERS } from "@/lib/server/http/client-address";

/**
 * The edge's part of client-address.ts, for a node:http server in front of
 * Next (one line, first thing in its request listener):
 *
 *   server.on("request", (req, res) => { stampClientAddress(req); … });
 *
 * It removes any client-sent copy of the private headers, then records the
 * socket's address and the forwarding headers the request arrived with.
 */
export function stampClientAddress(req: http.IncomingMessage): void {
  markEdgeActive();
  for (const name of PRIVATE_HEADERS) delete req.headers[name];
  const xff = req.headers["x-forwarded-for"];
  const stamped = edgeHeaders(req.socket.remoteAddress ?? "", {
    ...(xff !== undefined ? { forwardedFor: Array.isArray(xff) ? xff.join(", ") : xff } : {}),
    forwarded: Object.keys(req.headers).some(isProxyTrace),
  });
  Object.assign(req.headers, stamped);
  // rawHeaders is what some frameworks rebuild headers from: keep it in step.
  const raw: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    if (!(PRIVATE_HEADERS as readonly string[]).includes((req.rawHeaders[i] ?? "").toLowerCase())) raw.push(req.rawHeaders[i] ?? "", req.rawHeaders[i + 1] ?? "");
  }
  for (const [name, value] of Object.entries(stamped)) raw.push(name, value);
  req.rawHeaders.splice(0, req.rawHeaders.length, ...raw);
}

/**
 * Headers a proxy leaves on what it relays. Any of them on a loopback
 * connection means a proxy on this host is relaying someone else (not "this
 * machine", see isLoopbackRequest) — nginx sets none of them by default, but
 * a proxy that sets only Via or X-Forwarded-Proto/Host is just as remote.
 */
const PROXY_TRACES = new Set(["forwarded", "via", "x-real-ip", "true-client-ip", "x-client-ip", "cf-connecting-ip", "fastly-client-ip", "x-cluster-client-ip"]);

function isProxyTrace(name: string): boolean {
  return PROXY_TRACES.has(name) || name.startsWith("x-forwarded-");
}

const INSTALLED = Symbol.for("corsboard.client-address-stamp-installed");

/**
 * For `next start`, whose node:http server we don't create: stamp every
 * request every node:http(s) server of this process emits, before its
 * listeners (Next's) see it. Called once at startup (lib/server/start-server.ts,
 * from instrumentation). A custom server that calls stampClientAddress itself
 * doesn't need it; both together are harmless (the stamp is idempotent).
 */
export function installClientAddressStamp(): void {
  const g = globalThis as Record<symbol, unknown>;
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  markEdgeActive();
  for (const Server of [http.Server, https.Server]) {
    const emit = Server.prototype.emit;
    Server.prototype.emit = function patchedEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
      if (event === "request" || event === "checkContinue" || event === "checkExpectation") stampClientAddress(args[0] as http.IncomingMessage);
      return Reflect.apply(emit, this, [event, ...args]) as boolean;
    } as typeof emit;
  }
}
