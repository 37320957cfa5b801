import { isIP } from "node:net";
import { trustedProxies } from "@/lib/server/env";
import { isLoopbackAddress, normalizeAddress, type IpRanges } from "@/lib/server/http/ip-range";

/**
 * Who is on the other end of a request. Next.js gives a route handler no
 * socket address: its server fills X-Forwarded-For with the socket address
 * only when the client sent none (`??=` in next/dist/server/base-server.js),
 * so a client chooses the address it is seen from. The edge — the node:http
 * server in front of Next, see client-address-edge.ts — therefore copies the
 * socket address (and the X-Forwarded-For it received) into private headers,
 * replacing any copy a client sent, and routes read only those.
 */
export const CLIENT_ADDRESS_HEADER = "x-corsboard-client-ip";
/** The X-Forwarded-For the edge received (absent when none), before Next adds its own. */
export const FORWARDED_FOR_HEADER = "x-corsboard-forwarded-for";
/** Set by the edge on a request that carried any header a proxy leaves (X-Forwarded-*, Forwarded, Via, X-Real-IP…; client-address-edge.ts). */
export const FORWARDED_MARK_HEADER = "x-corsboard-forwarded";
/** The resolved client address handed to better-auth (its ipAddressHeaders), set by lib/server/auth/auth-handler.ts. */
export const AUTH_CLIENT_ADDRESS_HEADER = "x-corsboard-auth-client-ip";
/** Every private header: the edge removes client-sent copies of each. */
export const PRIVATE_HEADERS = [CLIENT_ADDRESS_HEADER, FORWARDED_FOR_HEADER, FORWARDED_MARK_HEADER, AUTH_CLIENT_ADDRESS_HEADER] as const;

const EDGE_ACTIVE = Symbol.for("corsboard.client-address-edge");

/** Called by the edge: from now on the private headers of this process's requests are the edge's, not a client's. */
export function markEdgeActive(): void {
  (globalThis as Record<symbol, unknown>)[EDGE_ACTIVE] = true;
}

/** Whether an edge stamps requests in this process; without one, nothing a request says about its address is believed. */
export function edgeActive(): boolean {
  return (globalThis as Record<symbol, unknown>)[EDGE_ACTIVE] === true;
}

/**
 * The private headers the edge sets for a connection from `socketAddress`
 * that carried these forwarding headers (the edge's one definition, and the
 * seam tests build requests "from another machine" with).
 */
export function edgeHeaders(socketAddress: string, received: { forwardedFor?: string; forwarded?: boolean } = {}): Record<string, string> {
  const headers: Record<string, string> = { [CLIENT_ADDRESS_HEADER]: socketAddress };
  if (received.forwardedFor !== undefined) headers[FORWARDED_FOR_HEADER] = received.forwardedFor;
  if (received.forwarded || received.forwardedFor !== undefined) headers[FORWARDED_MARK_HEADER] = "1";
  return headers;
}

/**
 * The client's address, or null when it can't be known (no edge in this
 * process, e.g. `next dev`). The socket address, unless the socket is a
 * trusted proxy (CORSBOARD_TRUSTED_PROXIES): then the X-Forwarded-For it
 * received is read from the right, skipping trusted proxies, and the first
 * address that is not one is the client (entries to its left were written by
 * the client and prove nothing). A chain of trusted proxies only → its
 * left-most entry; an entry that is not an address → null.
 */
export function clientAddress(headers: Headers, proxies: IpRanges = trustedProxies()): string | null {
  if (!edgeActive()) return null;
  const socket = headers.get(CLIENT_ADDRESS_HEADER);
  if (!socket || isIP(normalizeAddress(socket)) === 0) return null;
  if (!proxies.has(socket)) return normalizeAddress(socket);
  const chain = (headers.get(FORWARDED_FOR_HEADER) ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  let client = normalizeAddress(socket);
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(chain[i] ?? "");
    if (isIP(hop) === 0) return null;
    client = hop;
    if (!proxies.has(hop)) break;
  }
  return client;
}

/**
 * Whether the request comes from this machine: the client address is
 * loopback and no proxy stands in between — a request that arrives on
 * loopback carrying forwarding headers is someone else's request relayed,
 * not a local one. Only a trusted proxy's X-Forwarded-For can say the client
 * behind it is local; a trusted proxy that relays with Via, Forwarded or
 * X-Real-IP alone leaves the client unknown, so not local.
 */
export function isLoopbackRequest(headers: Headers, proxies: IpRanges = trustedProxies()): boolean {
  const client = clientAddress(headers, proxies);
  if (!client || !isLoopbackAddress(client)) return false;
  const socket = headers.get(CLIENT_ADDRESS_HEADER) ?? "";
  return headers.get(FORWARDED_MARK_HEADER) === null || (proxies.has(socket) && headers.get(FORWARDED_FOR_HEADER) !== null);
}
