import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress, CLIENT_ADDRESS_HEADER, edgeActive, edgeHeaders, FORWARDED_FOR_HEADER, FORWARDED_MARK_HEADER, isLoopbackRequest, markEdgeActive } from "./client-address";
import { stampClientAddress } from "./client-address-edge";
import { parseIpRanges } from "./ip-range";

const none = parseIpRanges("").ranges;
const proxies = parseIpRanges("10.0.0.0/8, 2001:db8::/32, 192.0.2.10").ranges;
const from = (socket: string, received: { forwardedFor?: string; forwarded?: boolean } = {}, extra: Record<string, string> = {}) =>
  new Headers({ ...extra, ...edgeHeaders(socket, received) });

describe("CORSBOARD_TRUSTED_PROXIES", () => {
  it("takes addresses and CIDR ranges, and names each bad entry", () => {
    expect(parseIpRanges("10.0.0.0/8, ::1, 2001:db8::/32,192.0.2.1").problems).toEqual([]);
    expect(parseIpRanges("10.0.0.0/33, nope, 10.0.0.1/x, 1.2.3.4/8/9").problems).toEqual([
      expect.stringContaining('"10.0.0.0/33"'),
      expect.stringContaining('"nope"'),
      expect.stringContaining('"10.0.0.1/x"'),
      expect.stringContaining('"1.2.3.4/8/9"'),
    ]);
    expect(proxies.has("10.200.3.4")).toBe(true);
    expect(proxies.has("::ffff:10.1.1.1")).toBe(true);
    expect(proxies.has("2001:db8::42")).toBe(true);
    expect(proxies.has("192.0.2.11")).toBe(false);
    expect(proxies.has("not an address")).toBe(false);
  });
});

describe("clientAddress", () => {
  beforeAll(() => markEdgeActive());

  it("is the socket address, whatever X-Forwarded-For says, without trusted proxies", () => {
    expect(clientAddress(from("203.0.113.7", { forwardedFor: "1.2.3.4" }, { "x-forwarded-for": "5.6.7.8" }), none)).toBe("203.0.113.7");
    expect(clientAddress(from("::ffff:203.0.113.7"), none)).toBe("203.0.113.7");
  });

  it("through trusted proxies, is the right-most address that is not a trusted proxy", () => {
    expect(clientAddress(from("10.0.0.5", { forwardedFor: "6.6.6.6, 198.51.100.1, 10.0.0.9" }), proxies)).toBe("198.51.100.1");
    expect(clientAddress(from("10.0.0.5", { forwardedFor: "198.51.100.1" }), proxies)).toBe("198.51.100.1");
    // Only proxies: the left-most is where it started.
    expect(clientAddress(from("10.0.0.5", { forwardedFor: "10.0.0.7, 10.0.0.9" }), proxies)).toBe("10.0.0.7");
    expect(clientAddress(from("10.0.0.5"), proxies)).toBe("10.0.0.5");
    expect(clientAddress(from("10.0.0.5", { forwardedFor: "garbage, 10.0.0.9" }), proxies)).toBeNull();
    // An untrusted socket's X-Forwarded-For is never read.
    expect(clientAddress(from("203.0.113.7", { forwardedFor: "10.0.0.1" }), proxies)).toBe("203.0.113.7");
  });

  it("is unknown when nothing stamped the request", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "1.2.3.4" }), none)).toBeNull();
  });
});

describe("isLoopbackRequest", () => {
  beforeAll(() => markEdgeActive());

  it("is true for a loopback socket without a proxy in between", () => {
    expect(isLoopbackRequest(from("127.0.0.1"), none)).toBe(true);
    expect(isLoopbackRequest(from("::1"), none)).toBe(true);
    expect(isLoopbackRequest(from("::ffff:127.0.0.1"), none)).toBe(true);
  });

  it("is false for other machines, and for a same-host proxy relaying someone else", () => {
    expect(isLoopbackRequest(from("192.168.1.20"), none)).toBe(false);
    expect(isLoopbackRequest(from("127.0.0.1", { forwardedFor: "203.0.113.7" }), none)).toBe(false);
    expect(isLoopbackRequest(from("127.0.0.1", { forwarded: true }), none)).toBe(false);
    const local = parseIpRanges("127.0.0.1").ranges;
    expect(isLoopbackRequest(from("127.0.0.1", { forwardedFor: "203.0.113.7" }), local)).toBe(false);
    expect(isLoopbackRequest(from("127.0.0.1", { forwardedFor: "127.0.0.1" }), local)).toBe(true);
  });

  it("is false for a trusted same-host proxy that relays without X-Forwarded-For (Via, Forwarded, X-Real-IP only): whom it relays is unknown", () => {
    const local = parseIpRanges("127.0.0.1").ranges;
    expect(isLoopbackRequest(from("127.0.0.1", { forwarded: true }), local)).toBe(false);
    // Nothing at all says a proxy is there: this machine (README: such a proxy must send X-Forwarded-For).
    expect(isLoopbackRequest(from("127.0.0.1"), local)).toBe(true);
  });
});

describe("stampClientAddress (the edge), on a real socket", () => {
  let server: http.Server;
  let port = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      stampClientAddress(req);
      res.end(JSON.stringify({ headers: req.headers, raw: req.rawHeaders }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("replaces a client's copy of the private headers with what the socket says", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/`, {
      headers: { [CLIENT_ADDRESS_HEADER]: "8.8.8.8", [FORWARDED_MARK_HEADER]: "", "x-forwarded-for": "1.2.3.4" },
    });
    const { headers, raw } = (await res.json()) as { headers: Record<string, string>; raw: string[] };
    expect(headers[CLIENT_ADDRESS_HEADER]).toBe("127.0.0.1");
    expect(headers[FORWARDED_FOR_HEADER]).toBe("1.2.3.4");
    expect(headers[FORWARDED_MARK_HEADER]).toBe("1");
    expect(raw.filter((v) => v === "8.8.8.8")).toEqual([]);
    expect(edgeActive()).toBe(true);
  });

  it("marks a request forwarded when a proxy left any of its usual traces, not only X-Forwarded-For", async () => {
    const traces: Record<string, string>[] = [{ via: "1.1 nginx" }, { "x-forwarded-host": "corsboard.example" }, { "x-forwarded-proto": "https" }, { "x-real-ip": "203.0.113.7" }, { forwarded: "for=203.0.113.7" }, { "true-client-ip": "203.0.113.7" }];
    for (const trace of traces) {
      const { headers } = (await (await fetch(`http://127.0.0.1:${port}/`, { headers: trace })).json()) as { headers: Record<string, string> };
      expect({ trace, mark: headers[FORWARDED_MARK_HEADER] }).toEqual({ trace, mark: "1" });
    }
  });

  it("marks nothing forwarded when nothing was", async () => {
    const { headers } = (await (await fetch(`http://127.0.0.1:${port}/`)).json()) as { headers: Record<string, string> };
    expect(headers[CLIENT_ADDRESS_HEADER]).toBe("127.0.0.1");
    expect(headers[FORWARDED_FOR_HEADER]).toBeUndefined();
    expect(headers[FORWARDED_MARK_HEADER]).toBeUndefined();
  });
});
