import http from "node:http";
import type { AddressInfo } from "node:net";
import express5 from "express";
// @ts-expect-error express4 is an npm alias of express@4: no types of its own (same API as @types/express for what is used here)
import express4 from "express4";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corsboardFastify, corsboardHandler, corsboardMiddleware, preflightHandler, withCors, type CorsboardClient } from "@/lib/sdk";
import { clientServing, documentOf } from "./test-support/documents";

// Every adapter, in the framework it is meant for, on a real server (or, for
// the Fetch-API adapters, real Request/Response): preflights are answered
// before the service's own auth runs, allowed origins get their headers on
// ordinary responses, rejected ones get none, and an existing Vary is kept.

const APP = "https://app.example.com";
const EVIL = "https://evil.example";
const PREFLIGHT = { "access-control-request-method": "PUT", "access-control-request-headers": "authorization" };

let client: CorsboardClient;
beforeAll(async () => {
  client = (await clientServing(documentOf({ origins: [{ value: APP, expiresAt: null }] }))).client;
});
afterAll(() => client.close());

interface Service {
  base: string;
  /** Requests the service's own code (auth, then handler) saw. */
  reached: string[];
  close(): Promise<void>;
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** An Express app with the middleware as its first layer, or (`inFront`) with corsboardHandler in front of the whole app. */
async function expressService(express: typeof express5, inFront = false): Promise<Service> {
  const reached: string[] = [];
  const app = express();
  if (!inFront) app.use(corsboardMiddleware(client));
  app.use((req, res, next) => {
    reached.push(`${req.method} ${req.path}`);
    if (req.headers.authorization !== "Bearer s") res.status(401).end();
    else next();
  });
  app.get("/orders", (_req, res) => {
    res.vary("Accept-Encoding");
    res.json({ ok: true });
  });
  const server = http.createServer(inFront ? corsboardHandler(client, app) : app);
  return { base: await listen(server), reached, close: () => new Promise((r) => server.close(() => r())) };
}

async function fastifyService(): Promise<Service> {
  const reached: string[] = [];
  const app = Fastify();
  await app.register(corsboardFastify, { client });
  app.addHook("preHandler", async (request, reply) => {
    reached.push(`${request.method} ${request.url}`);
    if (request.headers.authorization !== "Bearer s") return reply.code(401).send();
  });
  app.get("/orders", async (_request, reply) => {
    reply.header("Vary", "Accept-Encoding");
    return { ok: true };
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, reached, close: () => app.close() };
}

const services: [string, () => Promise<Service>][] = [
  ["Express 4", () => expressService(express4 as unknown as typeof express5)],
  ["Express 5", () => expressService(express5)],
  ["Express 4, corsboardHandler in front", () => expressService(express4 as unknown as typeof express5, true)],
  ["Express 5, corsboardHandler in front", () => expressService(express5, true)],
  ["Fastify 5 (plugin)", fastifyService],
];

describe.each(services)("%s", (_name, start) => {
  let service: Service;
  beforeAll(async () => {
    service = await start();
  });
  afterAll(() => service.close());

  it("answers an allowed preflight 204 before the service's auth runs", async () => {
    const res = await fetch(`${service.base}/orders`, { method: "OPTIONS", headers: { origin: APP, ...PREFLIGHT } });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(APP);
    expect(res.headers.get("access-control-allow-methods")).toContain("PUT");
    expect(res.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(await res.text()).toBe("");
    expect(service.reached).toEqual([]);
  });

  it("answers a rejected preflight 403 without CORS headers, also on a path with no route", async () => {
    for (const path of ["/orders", "/no-such-route"]) {
      const res = await fetch(`${service.base}${path}`, { method: "OPTIONS", headers: { origin: EVIL, ...PREFLIGHT } });
      expect(res.status).toBe(403);
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      expect(res.headers.get("vary")).toContain("Origin");
    }
    const allowed = await fetch(`${service.base}/no-such-route`, { method: "OPTIONS", headers: { origin: APP, ...PREFLIGHT } });
    expect(allowed.status).toBe(204);
    expect(service.reached).toEqual([]);
  });

  it("sets the headers on an allowed GET and keeps the handler's Vary", async () => {
    const res = await fetch(`${service.base}/orders`, { headers: { origin: APP, authorization: "Bearer s" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get("access-control-allow-origin")).toBe(APP);
    expect(res.headers.get("access-control-expose-headers")).toBe("x-request-id");
    const vary = (res.headers.get("vary") ?? "").toLowerCase();
    expect(vary).toContain("origin");
    expect(vary).toContain("accept-encoding");
  });

  it("lets a rejected origin's GET run, without CORS headers (the browser blocks it)", async () => {
    const res = await fetch(`${service.base}/orders`, { headers: { origin: EVIL, authorization: "Bearer s" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("Fetch-API handlers", () => {
  it("a Next.js-style route module: GET wrapped by withCors, OPTIONS from preflightHandler", async () => {
    const route = {
      GET: withCors(client, async (request: Request, ctx: { params: Promise<{ id: string }> }) => Response.json({ id: (await ctx.params).id, auth: request.headers.get("authorization") })),
      OPTIONS: preflightHandler(client),
    };
    const ctx = { params: Promise.resolve({ id: "42" }) };
    const preflight = await route.OPTIONS(new Request("http://api.local/orders/42", { method: "OPTIONS", headers: { origin: APP, ...PREFLIGHT } }));
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(APP);
    const get = await route.GET(new Request("http://api.local/orders/42", { headers: { origin: APP, authorization: "Bearer s" } }), ctx);
    expect(await get.json()).toEqual({ id: "42", auth: "Bearer s" });
    expect(get.headers.get("access-control-allow-origin")).toBe(APP);
    const rejected = await route.OPTIONS(new Request("http://api.local/orders/42", { method: "OPTIONS", headers: { origin: EVIL, ...PREFLIGHT } }));
    expect(rejected.status).toBe(403);
  });

  it("a Hono/Bun/Deno-style fetch(request) handler wrapped whole", async () => {
    let reached = 0;
    const app = {
      fetch: withCors(client, (request: Request) => {
        reached++;
        if (request.headers.get("authorization") !== "Bearer s") return new Response("no", { status: 401 });
        return new Response("ok", { headers: { vary: "Accept-Encoding" } });
      }),
    };
    const preflight = await app.fetch(new Request("http://api.local/x", { method: "OPTIONS", headers: { origin: APP, ...PREFLIGHT } }));
    expect(preflight.status).toBe(204);
    expect(reached).toBe(0);
    const res = await app.fetch(new Request("http://api.local/x", { headers: { origin: APP, authorization: "Bearer s" } }));
    expect(await res.text()).toBe("ok");
    expect(res.headers.get("access-control-allow-origin")).toBe(APP);
    expect(res.headers.get("vary")).toBe("Accept-Encoding, Origin");
  });
});

describe("corsboardFastify", () => {
  it("refuses to register without a client, saying what to pass", async () => {
    const app = Fastify();
    await expect(app.register(corsboardFastify, {} as never).ready()).rejects.toThrow("pass { client }");
  });
});

describe("node:http middleware on the wire", () => {
  it("appends to a Vary set before it (one Vary header) and sends the CORS headers", async () => {
    const cors = corsboardMiddleware(client);
    const server = http.createServer((req, res) => {
      res.setHeader("Vary", "Accept-Encoding");
      cors(req, res, () => res.end("ok"));
    });
    const base = await listen(server);
    try {
      const raw = await new Promise<string[]>((resolve, reject) => {
        http.get(`${base}/`, { headers: { origin: APP } }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.rawHeaders));
        }).on("error", reject);
      });
      const names = raw.filter((_, i) => i % 2 === 0);
      expect(names.filter((n) => n.toLowerCase() === "vary")).toHaveLength(1);
      expect(raw[raw.findIndex((n) => n.toLowerCase() === "vary") + 1]).toBe("Accept-Encoding, Origin");
      expect(names).toContain("Access-Control-Allow-Origin");
      expect(raw[names.indexOf("Access-Control-Allow-Origin") * 2 + 1]).toBe(APP);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
