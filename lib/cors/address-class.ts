// What kind of IP address a host is: the one IP range table. The server-side
// probe refuses everything but "public" (SSRF); the lints and the parser read
// it through host-kind.ts (local origins). Pure: parses the textual address
// itself (IPv4 dotted quad, IPv6 with `::`, an embedded IPv4 tail and a zone).

export type AddressClass =
  | "public"
  | "loopback"
  | "private"
  | "link-local"
  | "shared" // CGNAT 100.64.0.0/10
  | "unspecified"
  | "multicast"
  | "broadcast"
  | "unique-local"
  | "reserved"
  | "documentation";

export interface AddressInfo {
  readonly class: AddressClass;
  /** Human-readable range, e.g. "10.0.0.0/8 (private)". */
  readonly range: string;
}

/** Parse a dotted-quad IPv4 address into 4 bytes, or undefined. */
export function parseIPv4(text: string): number[] | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  return bytes;
}

/** Parse an IPv6 address (optionally bracketed, with a zone) into 16 bytes, or undefined. */
export function parseIPv6(input: string): number[] | undefined {
  let text = input.startsWith("[") && input.endsWith("]") ? input.slice(1, -1) : input;
  const zone = text.indexOf("%");
  if (zone >= 0) text = text.slice(0, zone);
  if (!text.includes(":")) return undefined;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(":");
  const last = text.slice(lastColon + 1);
  if (last.includes(".")) {
    const v4 = parseIPv4(last);
    if (!v4) return undefined;
    tail = v4;
    text = `${text.slice(0, lastColon + 1)}${tail.length ? "0:0" : ""}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const parseGroups = (s: string): number[] | undefined => {
    if (s === "") return [];
    const groups = s.split(":");
    const out: number[] = [];
    for (const g of groups) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parseGroups(halves[0] ?? "");
  const rest = halves.length === 2 ? parseGroups(halves[1] ?? "") : [];
  if (!head || !rest) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    const missing = 8 - head.length - rest.length;
    if (missing < 1) return undefined;
    groups = [...head, ...new Array<number>(missing).fill(0), ...rest];
  } else {
    groups = head;
  }
  if (groups.length !== 8) return undefined;
  const bytes = groups.flatMap((g) => [g >> 8, g & 0xff]);
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

function inV4(b: number[], net: [number, number, number, number], prefix: number): boolean {
  const addr = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  const base = ((net[0] << 24) | (net[1] << 16) | (net[2] << 8) | net[3]) >>> 0;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return (addr & mask) >>> 0 === (base & mask) >>> 0;
}

const V4_RANGES: [[number, number, number, number], number, AddressClass, string][] = [
  [[0, 0, 0, 0], 8, "unspecified", "0.0.0.0/8 (this network)"],
  [[10, 0, 0, 0], 8, "private", "10.0.0.0/8 (private)"],
  [[100, 64, 0, 0], 10, "shared", "100.64.0.0/10 (carrier-grade NAT)"],
  [[127, 0, 0, 0], 8, "loopback", "127.0.0.0/8 (loopback)"],
  [[169, 254, 0, 0], 16, "link-local", "169.254.0.0/16 (link-local, cloud metadata)"],
  [[172, 16, 0, 0], 12, "private", "172.16.0.0/12 (private)"],
  [[192, 0, 0, 0], 24, "reserved", "192.0.0.0/24 (IETF protocol assignments)"],
  [[192, 0, 2, 0], 24, "documentation", "192.0.2.0/24 (documentation)"],
  [[192, 88, 99, 0], 24, "reserved", "192.88.99.0/24 (6to4 relay)"],
  [[192, 168, 0, 0], 16, "private", "192.168.0.0/16 (private)"],
  [[198, 18, 0, 0], 15, "reserved", "198.18.0.0/15 (benchmarking)"],
  [[198, 51, 100, 0], 24, "documentation", "198.51.100.0/24 (documentation)"],
  [[203, 0, 113, 0], 24, "documentation", "203.0.113.0/24 (documentation)"],
  [[224, 0, 0, 0], 4, "multicast", "224.0.0.0/4 (multicast)"],
  [[255, 255, 255, 255], 32, "broadcast", "255.255.255.255 (broadcast)"],
  [[240, 0, 0, 0], 4, "reserved", "240.0.0.0/4 (reserved)"],
];

function classifyV4(b: number[]): AddressInfo {
  for (const [net, prefix, cls, range] of V4_RANGES) if (inV4(b, net, prefix)) return { class: cls, range };
  return { class: "public", range: "public IPv4" };
}

function startsWith(b: number[], prefix: number[], bits: number): boolean {
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const bit = 7 - (i & 7);
    if (((b[byte]! >> bit) & 1) !== ((prefix[byte]! >> bit) & 1)) return false;
  }
  return true;
}

function classifyV6(b: number[]): AddressInfo {
  const zeros = (n: number) => b.slice(0, n).every((x) => x === 0);
  const v4 = b.slice(12);
  const embedded = (what: string): AddressInfo => {
    const inner = classifyV4(v4);
    return inner.class === "public" ? { class: "public", range: `${what} of a public IPv4 address` } : { class: inner.class, range: `${what} of ${inner.range}` };
  };
  if (zeros(16)) return { class: "unspecified", range: ":: (unspecified)" };
  if (zeros(15) && b[15] === 1) return { class: "loopback", range: "::1 (loopback)" };
  if (zeros(10) && b[10] === 0xff && b[11] === 0xff) return embedded("IPv4-mapped ::ffff:0:0/96");
  if (zeros(12)) return embedded("IPv4-compatible ::/96");
  if (zeros(8) && b[8] === 0xff && b[9] === 0xff && b[10] === 0 && b[11] === 0) return embedded("IPv4-translated ::ffff:0:0:0/96");
  if (startsWith(b, [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96)) return embedded("NAT64 64:ff9b::/96");
  if (startsWith(b, [0, 0x64, 0xff, 0x9b, 0, 1], 48)) return { class: "private", range: "64:ff9b:1::/48 (local-use NAT64)" };
  if (startsWith(b, [0x01, 0x00, 0, 0, 0, 0, 0, 0], 64)) return { class: "reserved", range: "100::/64 (discard)" };
  if (startsWith(b, [0x20, 0x01, 0x0d, 0xb8], 32)) return { class: "documentation", range: "2001:db8::/32 (documentation)" };
  if (startsWith(b, [0x20, 0x01, 0, 0], 32)) return { class: "reserved", range: "2001::/32 (Teredo)" };
  if (startsWith(b, [0x20, 0x02], 16)) {
    const inner = classifyV4(b.slice(2, 6));
    return inner.class === "public" ? { class: "public", range: "6to4 2002::/16 of a public IPv4 address" } : { class: inner.class, range: `6to4 2002::/16 of ${inner.range}` };
  }
  if (startsWith(b, [0xfc], 7)) return { class: "unique-local", range: "fc00::/7 (unique local)" };
  if (startsWith(b, [0xfe, 0x80], 10)) return { class: "link-local", range: "fe80::/10 (link-local)" };
  if (startsWith(b, [0xfe, 0xc0], 10)) return { class: "private", range: "fec0::/10 (site-local, deprecated)" };
  if (b[0] === 0xff) return { class: "multicast", range: "ff00::/8 (multicast)" };
  if (startsWith(b, [0x20], 3)) return { class: "public", range: "global unicast 2000::/3" };
  return { class: "reserved", range: "reserved IPv6 (outside 2000::/3)" };
}

/** Classify an IP address; undefined when the text is not an IP address. */
export function classifyAddress(address: string): AddressInfo | undefined {
  const v4 = parseIPv4(address);
  if (v4) return classifyV4(v4);
  const v6 = parseIPv6(address);
  if (v6) return classifyV6(v6);
  return undefined;
}

/** True only for addresses on the public internet. */
export function isPublicAddress(address: string): boolean {
  return classifyAddress(address)?.class === "public";
}
