// Child process of scripts/bench-config.ts: the comparison servers, in their
// own process so they don't share a CPU with autocannon.
//
//   baseline   node:http answering the bytes and headers Corsboard served, from memory (token check, ETag/304 too)
//   plain      Express 5, a JSON handler, no CORS
//   cors       the same Express app with the SDK's corsboardMiddleware first
//
// Reads a JSON job from argv[2]; prints `PORTS {"baseline":…,"plain":…,"cors":…}`.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { corsboardMiddleware, createCorsboardClient } from "../lib/sdk";

interface Job {
  /** Files with the bodies Corsboard served, by URL path + query. */
  bodies: { path: string; file: string; etag: string; authorization: string; headers200: Record<string, string>; headers304: Record<string, string> }[];
  corsboard: { url: string; token: string; project: string; environment: string };
}

const job = JSON.parse(fs.readFileSync(process.argv[2] as string, "utf8")) as Job;
const bodies = new Map(job.bodies.map((b) => [b.path, { ...b, bytes: fs.readFileSync(b.file) }]));

// What any server of these bytes must do too: check the token, compare the ETag, send the same headers.
const baseline = http.createServer((req, res) => {
  const body = bodies.get(req.url ?? "");
  if (!body) return void res.writeHead(404).end();
  if (req.headers.authorization !== body.authorization) return void res.writeHead(401, { "content-length": "0" }).end();
  if (req.headers["if-none-match"] === body.etag) return void res.writeHead(304, body.headers304).end();
  res.writeHead(200, body.headers200);
  res.end(body.bytes);
});

const client = createCorsboardClient({ ...job.corsboard, refresh: "poll", pollIntervalMs: 3_600_000, logger: { debug() {}, info() {}, warn: console.warn, error: console.error } });
await client.ready;
if (client.status().source !== "server") throw new Error("the SDK could not fetch the bench policy");

const orders = { orders: [{ id: 1, item: "teapot" }, { id: 2, item: "cup" }] };
const plain = express();
plain.get("/api/orders", (_req, res) => void res.json(orders));
const cors = express();
cors.use(corsboardMiddleware(client));
cors.get("/api/orders", (_req, res) => void res.json(orders));

const listen = (server: http.Server) => new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
const ports = { baseline: await listen(baseline), plain: await listen(http.createServer(plain)), cors: await listen(http.createServer(cors)) };
console.log(`PORTS ${JSON.stringify(ports)}`);
