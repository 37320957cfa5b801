// What kind of host an origin names. Used by the lints (local origins in a
// protected environment) and by the parser's suggestions (`localhost:3000`
// without a scheme most likely means http://).
//
// Hosts here are canonical (URL Standard serialization): IPv4 dotted-decimal,
// IPv6 compressed and in brackets, domains lowercase ASCII.

export type HostKind =
  /** `localhost`, `*.localhost` (RFC 6761), 127.0.0.0/8, [::1] */
  | "loopback"
  /** RFC 1918, link-local, unique-local IPv6, 0.0.0.0 */
  | "private-ip"
  | "public-ip"
  | "domain";

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function isIpHost(host: string): boolean {
  return host.startsWith("[") || IPV4.test(host);
}

export function classifyHost(host: string): HostKind {
  if (host === "localhost" || host.endsWith(".localhost")) return "loopback";
  const v4 = IPV4.exec(host);
  if (v4) {
    const a = Number(v4[1]);
    const b = Number(v4[2]);
    if (a === 127) return "loopback";
    if (a === 10 || a === 0) return "private-ip";
    if (a === 172 && b >= 16 && b <= 31) return "private-ip";
    if (a === 192 && b === 168) return "private-ip";
    if (a === 169 && b === 254) return "private-ip";
    if (a === 100 && b >= 64 && b <= 127) return "private-ip"; // carrier-grade NAT
    return "public-ip";
  }
  if (host.startsWith("[")) {
    const v6 = host.slice(1, -1);
    if (v6 === "::1") return "loopback";
    if (v6 === "::") return "private-ip";
    if (/^f[cd][0-9a-f]{0,2}:/.test(v6)) return "private-ip"; // fc00::/7
    if (/^fe[89ab][0-9a-f]?:/.test(v6)) return "private-ip"; // fe80::/10
    // IPv4-mapped (::ffff:a.b.c.d is serialized as ::ffff:xxxx:xxxx)
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
    if (mapped) {
      const hi = parseInt(mapped[1] ?? "0", 16);
      const lo = parseInt(mapped[2] ?? "0", 16);
      return classifyHost(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    return "public-ip";
  }
  return "domain";
}

export function isLocalHost(host: string): boolean {
  const kind = classifyHost(host);
  return kind === "loopback" || kind === "private-ip";
}
