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
