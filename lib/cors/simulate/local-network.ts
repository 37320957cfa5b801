// Requests from public sites to the local network. Private Network Access (a
// WICG draft) asked for a CORS preflight with
// `Access-Control-Request-Private-Network: true`; Chromium put that on hold and,
// since Chromium 142, gates these requests behind the Local Network Access
// permission prompt instead, for secure contexts only. No preflight is sent.
// https://wicg.github.io/local-network-access/

import { SPEC } from "./spec-links";
import type { AddressSpace, SimulationFailure, SimulationStep } from "./types";

export interface LocalNetworkResult {
  readonly step: SimulationStep;
  readonly failure?: SimulationFailure;
  readonly warning?: string;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** https://w3c.github.io/webappsec-secure-contexts/#potentially-trustworthy-origin, for serialized origins. */
export function isPotentiallyTrustworthy(origin: string): boolean {
  if (origin.startsWith("https://") || origin.startsWith("wss://")) return true;
  const match = /^http:\/\/([^/:]+|\[[^\]]+\])(:\d+)?$/.exec(origin);
  const host = match?.[1];
  if (host === undefined) return false;
  return LOOPBACK_HOSTS.has(host) || host.endsWith(".localhost") || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function checkLocalNetwork(origin: string, space: { initiator: AddressSpace; target: AddressSpace }): LocalNetworkResult {
  const { initiator, target } = space;
  // First milestone of Local Network Access: only public → local/loopback needs the permission.
  if (initiator !== "public" || target === "public") {
    return {
      step: {
        id: "local-network-access",
        title: "Local Network Access",
        outcome: "skip",
        detail: `A ${initiator} page fetching a ${target} address needs no Local Network Access permission.`,
        spec: SPEC.localNetworkAccess,
      },
    };
  }
  if (!isPotentiallyTrustworthy(origin)) {
    const message = `A public page (${origin}) that is not a secure context cannot ask for the Local Network Access permission, so Chromium blocks its requests to a ${target} address.`;
    return {
      step: { id: "local-network-access", title: "Local Network Access", outcome: "fail", detail: message, spec: SPEC.localNetworkAccess },
      failure: { rule: "local-network-access", message, fix: "Serve the page over HTTPS so the user can grant Local Network Access." },
    };
  }
  return {
    step: {
      id: "local-network-access",
      title: "Local Network Access",
      outcome: "pass",
      detail: `Chromium asks the user for the Local Network Access permission before fetching a ${target} address; this simulation assumes it is granted.`,
      spec: SPEC.localNetworkAccess,
    },
    warning:
      "Chromium (142+) gates requests from public pages to local or loopback addresses behind the Local Network Access permission prompt and sends no Private Network Access preflight (Access-Control-Request-Private-Network); the verdict assumes the user grants the permission.",
  };
}
