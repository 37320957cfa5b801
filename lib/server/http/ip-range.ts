import { BlockList, isIP } from "node:net";

/**
 * Addresses and CIDR ranges (`10.0.0.0/8`, `2001:db8::/32`, `192.0.2.10`),
 * as CORSBOARD_TRUSTED_PROXIES lists them, and the address checks made with
 * them. IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`, what a socket
 * listening on `::` reports for an IPv4 peer) are compared as IPv4.
 */
export interface IpRanges {
  readonly entries: readonly string[];
  has(address: string): boolean;
}

/** `::ffff:192.0.2.1` → `192.0.2.1`; other addresses as they are (IPv6 lowercased). */
export function normalizeAddress(address: string): string {
  const lower = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  return mapped?.[1] ?? lower;
}

/** Parse a comma-separated list; each entry that is not an address or a CIDR range is a problem naming it. */
export function parseIpRanges(value: string): { ranges: IpRanges; problems: string[] } {
  const list = new BlockList();
  const entries: string[] = [];
  const problems: string[] = [];
  for (const raw of value.split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address = "", prefixText, ...rest] = entry.split("/");
    const normalized = normalizeAddress(address);
    const family = isIP(normalized);
    const max = family === 6 ? 128 : 32;
    const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (family === 0 || rest.length > 0 || !(prefix >= 0 && prefix <= max)) {
      problems.push(`"${entry}" is not an IP address or CIDR range (e.g. 10.0.0.5, 10.0.0.0/8, 2001:db8::/32)`);
      continue;
    }
    list.addSubnet(normalized, prefix, family === 6 ? "ipv6" : "ipv4");
    entries.push(entry);
  }
  return {
    problems,
    ranges: {
      entries,
      has(address: string) {
        const normalized = normalizeAddress(address);
        const family = isIP(normalized);
        return family !== 0 && list.check(normalized, family === 6 ? "ipv6" : "ipv4");
      },
    },
  };
}

/** Loopback: 127.0.0.0/8 and ::1 (IPv4-mapped forms included). */
export function isLoopbackAddress(address: string): boolean {
  const normalized = normalizeAddress(address);
  if (isIP(normalized) === 4) return normalized.startsWith("127.");
  return normalized === "::1" || normalized === "0:0:0:0:0:0:0:1";
}
