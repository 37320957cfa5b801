// What kind of host an origin names. Used by the lints (local origins in a
// protected environment) and by the parser's suggestions (`localhost:3000`
// without a scheme most likely means http://).
//
// Hosts here are canonical (URL Standard serialization): IPv4 dotted-decimal,
// IPv6 compressed and in brackets, domains lowercase ASCII.

import { classifyAddress, type AddressClass } from "./address-class";

export type HostKind =
  /** `localhost`, `*.localhost` (RFC 6761), 127.0.0.0/8, [::1] */
  | "loopback"
  /** RFC 1918, link-local, carrier-grade NAT, unique-local IPv6, 0.0.0.0/8, :: (and IPv6 forms embedding them) */
  | "private-ip"
  | "public-ip"
  | "domain";

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function isIpHost(host: string): boolean {
  return host.startsWith("[") || IPV4.test(host);
}

/** Address classes a browser page on the public internet can't reach directly: the lints and suggestions treat them as local. */
const LOCAL_CLASSES: ReadonlySet<AddressClass> = new Set(["private", "link-local", "shared", "unspecified", "unique-local"]);

export function classifyHost(host: string): HostKind {
  if (host === "localhost" || host.endsWith(".localhost")) return "loopback";
  if (!isIpHost(host)) return "domain";
  // The one IP range table (address-class.ts, also the probe's SSRF guard).
  // Multicast, broadcast, reserved and documentation ranges count as public:
  // no page is served from them, and they are not the local network.
  const info = classifyAddress(host);
  if (!info) return "public-ip";
  if (info.class === "loopback") return "loopback";
  return LOCAL_CLASSES.has(info.class) ? "private-ip" : "public-ip";
}

export function isLocalHost(host: string): boolean {
  const kind = classifyHost(host);
  return kind === "loopback" || kind === "private-ip";
}
