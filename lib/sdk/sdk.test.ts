import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { appendVary, checkDocument, corsboardMiddleware, handle, withCors, preflightHandler, type CorsboardClient } from "@/lib/sdk";
import { backoffDelay } from "@/lib/sdk/backoff";
import { SseParser } from "@/lib/sdk/sse-parser";
import { clientServing, documentOf } from "@/lib/sdk/test-support/documents";

// Unit tests of the SDK's pieces: the event-stream parser, backoff, Vary,
// document checks, and the middlewares on a client whose "server" is a fetch
// function answering one document (the core itself is never mocked).

const APP = "https://app.example.com";

describe("SseParser", () => {
  it("parses events split across chunks, CRLF, multi-line data, comments and ids", () => {
    const p = new SseParser();
    expect(p.feed("retry: 3000\n\n: heartbeat\n\nevent: policy\nid: 4\nda")).toEqual([]);
    expect(p.feed('ta: {"a":1}\n\n')).toEqual([{ event: "policy", id: "4", data: '{"a":1}' }]);
    expect(p.feed("data: line1\r\ndata: line2\r\n\r")).toEqual([]);
    expect(p.feed("\nevent: x\ndata\n\n")).toEqual([
      { event: "message", id: "4", data: "line1\nline2" },
      { event: "x", id: "4", data: "" },
    ]);
  });
});

describe("backoffDelay", () => {
  it("grows exponentially within [ceiling/2, ceiling], capped", () => {
    for (const r of [0, 0.5, 0.999]) {
      const random = () => r;
      expect(backoffDelay(1, 100, 5_000, random)).toBeGreaterThanOrEqual(50);
      expect(backoffDelay(1, 100, 5_000, random)).toBeLessThanOrEqual(100);
      expect(backoffDelay(4, 100, 5_000, random)).toBeGreaterThanOrEqual(400);
      expect(backoffDelay(4, 100, 5_000, random)).toBeLessThanOrEqual(800);
      expect(backoffDelay(30, 100, 5_000, random)).toBeLessThanOrEqual(5_000);
    }
  });
});

describe("appendVary", () => {
  it("appends missing tokens without duplicates; * stays *", () => {
    expect(appendVary(null, "Origin")).toBe("Origin");
    expect(appendVary("Accept-Encoding", "Origin, Access-Control-Request-Method")).toBe("Accept-Encoding, Origin, Access-Control-Request-Method");
    expect(appendVary("origin", "Origin")).toBe("origin");
    expect(appendVary("*", "Origin")).toBe("*");
  });
});

describe("checkDocument", () => {
  const doc = documentOf({ origins: [{ value: APP, expiresAt: null }] });
  it("accepts a valid document and compiles it with the core", () => {
    const check = checkDocument(doc, { project: "p", environment: "e" });
    expect(check.ok).toBe(true);
  });
  it("refuses another environment's, a tampered one, a malformed one and one the core refuses", () => {
    expect(checkDocument(doc, { project: "p", environment: "prod" })).toMatchObject({ ok: false, reason: expect.stringContaining("p/e, not p/prod") });
    const tampered = structuredClone(doc);
    tampered.policy.origins.push({ value: "https://evil.example", expiresAt: null });
    expect(checkDocument(tampered, { project: "p", environment: "e" })).toMatchObject({ ok: false, reason: expect.stringContaining("contentHash") });
    expect(checkDocument({ ...doc, policy: { ...doc.policy, origins: "x" } }, { project: "p", environment: "e" })).toMatchObject({ ok: false });
    expect(checkDocument(null, { project: "p", environment: "e" })).toMatchObject({ ok: false });
    const refused = documentOf({ origins: [{ value: "*", expiresAt: null }], allowCredentials: true });
    expect(checkDocument(refused, { project: "p", environment: "e" })).toMatchObject({ ok: false, reason: expect.stringContaining("the core refuses it") });
  });
});

describe("middlewares", () => {
  let client: CorsboardClient;
  // Far enough ahead that the client built in beforeAll still holds the rule; the test moves the clock.
  const tempExpiry = Date.now() + 10 * 60_000;
  let lines: string[];
  let server: http.Server;
  let url: string;
  let handlerCalls = 0;

  beforeAll(async () => {
    ({ client, lines } = await clientServing(documentOf({ origins: [{ value: APP, expiresAt: null }, { value: "https://temp.example.com", expiresAt: new Date(tempExpiry).toISOString() }] })));
    const cors = corsboardMiddleware(client);
    server = http.createServer((req, res) => {
      res.setHeader("Vary", "Accept-Encoding");
      cors(req, res, () => {
        handlerCalls++;
        if (req.headers.authorization !== "Bearer ok") {
          res.statusCode = 401;
          res.end("unauthorized");
          return;
        }
        res.end("hello");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await client.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it("node: answers preflights before the handler (and its auth), appending Vary", async () => {
    const before = handlerCalls;
    const res = await fetch(`${url}/x`, { method: "OPTIONS", headers: { origin: APP, "access-control-request-method": "PUT", "access-control-request-headers": "authorization" } });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(APP);
    expect(res.headers.get("access-control-allow-headers")).toBe("authorization");
    expect(res.headers.get("vary")).toBe("Accept-Encoding, Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
    expect(handlerCalls).toBe(before);
  });

  it("node: rejected origins get no CORS headers, a warn line saying what to change, and never a 500", async () => {
    const res = await fetch(`${url}/x`, { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "PUT" } });
    expect(res.status).toBe(403);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(lines).toContain("warn CORS: refused a preflight from https://evil.example: origin https://evil.example is not in the allowlist: add it in Corsboard → p/e → Allowed origins");
    for (const origin of ["null", "HTTPS://APP.EXAMPLE.COM", "https://app.example.com.evil.net", "x".repeat(5000), "https://app.example.com/"]) {
      const r = await fetch(`${url}/x`, { headers: { origin, authorization: "Bearer ok" } });
      expect(r.status, origin.slice(0, 40)).toBe(200);
      expect(r.headers.get("access-control-allow-origin")).toBeNull();
    }
  });

  it("node: a Vary already set as a list is kept and the CORS tokens appended once; other headers set as the core names them", () => {
    const req = new http.IncomingMessage(new net.Socket());
    req.method = "GET";
    req.headers = { origin: APP };
    const res = new http.ServerResponse(req);
    res.setHeader("Vary", ["Accept-Encoding", "origin"]);
    let nexted = false;
    corsboardMiddleware(client)(req, res, () => void (nexted = true));
    expect(nexted).toBe(true);
    expect(res.getHeader("vary")).toBe("Accept-Encoding, origin");
    expect(res.getHeaders()).toMatchObject({ "access-control-allow-origin": APP, "access-control-expose-headers": "x-request-id" });
  });

  it("node: actual requests and requests without Origin reach the handler", async () => {
    const res = await fetch(`${url}/x`, { headers: { origin: APP, authorization: "Bearer ok" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(APP);
    expect(res.headers.get("access-control-expose-headers")).toBe("x-request-id");
    const unauthorized = await fetch(`${url}/x`, { headers: { origin: APP } });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get("access-control-allow-origin")).toBe(APP);
    const none = await fetch(`${url}/x`, { headers: { authorization: "Bearer ok" } });
    expect(none.status).toBe(200);
    expect(none.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("an expiring rule stops matching on time, between fetches", async () => {
    const ask = () => handle(client, { method: "OPTIONS", headers: { origin: "https://temp.example.com", "access-control-request-method": "PUT" } });
    // The clock is moved rather than waited for, so a busy machine can't make
    // the rule expire before the first question.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(tempExpiry - 1_000);
      expect(ask().status).toBe(204);
      vi.setSystemTime(tempExpiry + 1);
      expect(ask()).toMatchObject({ status: 403, allowed: false, reason: { code: "origin-rule-expired" } });
    } finally {
      vi.useRealTimers();
    }
  });

  it("web: withCors answers preflights without calling the handler, decorates other responses, copes with immutable headers", async () => {
    let calls = 0;
    const route = withCors(client, async (request: Request, ctx: { id: string }) => {
      calls++;
      if (new URL(request.url).pathname === "/redirect") return Response.redirect("https://example.com/", 302);
      return new Response(`hi ${ctx.id}`, { headers: { vary: "Accept-Encoding" } });
    });
    const pre = await route(new Request("https://api.example.com/x", { method: "OPTIONS", headers: { origin: APP, "access-control-request-method": "PUT" } }), { id: "1" });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe(APP);
    expect(calls).toBe(0);
    const actual = await route(new Request("https://api.example.com/x", { headers: { origin: APP } }), { id: "1" });
    expect(await actual.text()).toBe("hi 1");
    expect(actual.headers.get("access-control-allow-origin")).toBe(APP);
    expect(actual.headers.get("vary")).toBe("Accept-Encoding, Origin");
    const redirect = await route(new Request("https://api.example.com/redirect", { headers: { origin: APP } }), { id: "2" });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("access-control-allow-origin")).toBe(APP);
    const rejected = await route(new Request("https://api.example.com/x", { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "PUT" } }), { id: "3" });
    expect(rejected.status).toBe(403);
    expect(rejected.headers.get("access-control-allow-origin")).toBeNull();
    expect((await preflightHandler(client)(new Request("https://api.example.com/x", { method: "OPTIONS", headers: { origin: APP, "access-control-request-method": "PUT" } }))).status).toBe(204);
  });

  it("status() reports version, source and the last successful fetch", () => {
    expect(client.status()).toMatchObject({ version: 1, source: "server", refresh: "poll", lastError: null });
    expect(client.status().lastSuccessfulFetchAt).toBeInstanceOf(Date);
  });
});

describe("never fails open", () => {
  it("a client that never reached Corsboard denies every cross-origin request, never answers *", async () => {
    const { client, lines } = await clientServing(documentOf({ origins: [] }), {
      startup: { attempts: 2, backoffMs: 1 },
      fetch: async () => {
        throw new TypeError("fetch failed");
      },
    });
    expect(client.status()).toMatchObject({ source: "none", version: null });
    expect(lines.some((l) => l.startsWith("error Corsboard unreachable at startup") && l.includes("DENYING"))).toBe(true);
    for (const method of ["GET", "POST", "OPTIONS"]) {
      const r = handle(client, { method, headers: { origin: APP, "access-control-request-method": "GET" } });
      expect(r.allowed).toBe(false);
      expect(r.headers["Access-Control-Allow-Origin"]).toBeUndefined();
    }
    expect(handle(client, { method: "GET", headers: {} })).toMatchObject({ allowed: true, status: null });
    await client.close();
  });
});
