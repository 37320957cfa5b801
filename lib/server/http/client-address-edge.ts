import http from "node:http";
import { edgeHeaders, markEdgeActive, PRIVATE_HEADERS } from "@/lib/server/http/client-address";

/**
 * The edge's part of client-address.ts: the production server
 * (scripts/server.mjs) calls it on every request it hands to Next (through
 * the fast path object, so it runs inside Next's bundle: one copy of the
 * edge flag). The config fast path needs no client address and skips it.
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
