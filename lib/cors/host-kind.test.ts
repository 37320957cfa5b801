import { describe, expect, it } from "vitest";
import { classifyHost, type HostKind } from "./host-kind";

const CASES: readonly (readonly [string, HostKind])[] = [
  ["localhost", "loopback"],
  ["app.localhost", "loopback"],
  ["127.0.0.1", "loopback"],
  ["127.10.0.1", "loopback"],
  ["[::1]", "loopback"],
  ["10.1.2.3", "private-ip"],
  ["172.16.0.1", "private-ip"],
  ["172.31.255.255", "private-ip"],
  ["172.32.0.1", "public-ip"],
  ["192.168.1.1", "private-ip"],
  ["169.254.1.1", "private-ip"],
  ["0.0.0.0", "private-ip"],
  ["[fd00::1]", "private-ip"],
  ["[fe80::1]", "private-ip"],
  ["[::ffff:7f00:1]", "loopback"],
  ["[::ffff:c0a8:101]", "private-ip"],
  ["8.8.8.8", "public-ip"],
  ["[2001:db8::1]", "public-ip"],
  ["example.com", "domain"],
  ["localhost.evil.net", "domain"],
];

describe("classifyHost", () => {
  it.each(CASES)("%s is %s", (host, kind) => {
    expect(classifyHost(host)).toBe(kind);
  });
});

describe("classifyHost agrees with the probe's IP range table (address-class.ts)", () => {
  it.each([
    ["[::7f00:1]", "loopback"], // ::127.0.0.1, IPv4-compatible
    ["[::ffff:a00:1]", "private-ip"], // ::ffff:10.0.0.1
    ["[64:ff9b::c0a8:1]", "private-ip"], // NAT64 of 192.168.0.1
    ["[2002:a00:1::1]", "private-ip"], // 6to4 of 10.0.0.1
    ["[fec0::1]", "private-ip"], // site-local
    ["100.64.0.1", "private-ip"], // carrier-grade NAT
    ["192.0.2.1", "public-ip"], // documentation: not the local network
    ["224.0.0.1", "public-ip"],
  ] as const)("%s is %s", (host, kind) => {
    expect(classifyHost(host)).toBe(kind);
  });
});
