// Child process of scripts/bench-sdk.ts: five Express 5 apps on one 50-origin
// policy, in one process of their own (autocannon runs in the parent):
//
//   plain             no CORS
//   cors              the `cors` package configured like the policy, app.use
//   corsboard         the SDK's corsboardMiddleware, app.use (its client fed the policy document by a local fetch)
//   corsInFront       `cors` called by node:http's listener before the app
//   corsboardInFront  corsboardHandler(client, app): the same for corsboard
//
// and a control server answering GET /cpu with this process's CPU time (µs),
// so the parent can divide it by the requests of a run. Prints `PORTS {…}`.
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import corsPackage from "cors";
import express from "express";
import { canonicalJson, corsboardHandler, corsboardMiddleware, createCorsboardClient } from "../lib/sdk";
import { BENCH_POLICY, PREVIEW_PATTERN } from "./bench-sdk-policy";

const document = {
  project: "bench",
  environment: "small",
  version: 1,
  publishedAt: "2026-01-01T00:00:00.000Z",
  contentHash: createHash("sha256").update(canonicalJson(BENCH_POLICY)).digest("hex"),
  policy: BENCH_POLICY,
};
const client = createCorsboardClient({
  url: "http://corsboard.invalid",
  token: "bench",
  project: "bench",
  environment: "small",
  refresh: "poll",
  pollIntervalMs: 3_600_000,
  fetch: async () => new Response(JSON.stringify(document), { status: 200, headers: { etag: '"v1"' } }),
});
await client.ready;
if (client.status().source !== "server") throw new Error("the SDK did not take the bench policy");

const orders = { orders: [{ id: 1, item: "teapot" }, { id: 2, item: "cup" }] };
const app = (cors?: express.RequestHandler) => {
  const a = express();
  if (cors) a.use(cors);
  a.get("/api/orders", (_req, res) => void res.json(orders));
  return a;
};
const exact = BENCH_POLICY.origins.filter((o) => !o.value.includes("*")).map((o) => o.value);
const corsOptions: corsPackage.CorsOptions = {
  origin: [...exact, PREVIEW_PATTERN],
  credentials: BENCH_POLICY.allowCredentials,
  methods: BENCH_POLICY.allowedMethods,
  allowedHeaders: BENCH_POLICY.allowedHeaders,
  exposedHeaders: BENCH_POLICY.exposedHeaders,
  maxAge: BENCH_POLICY.maxAgeSeconds ?? undefined,
  optionsSuccessStatus: 204,
};

const GET_HEADERS: [string, string][] = [
  ["Access-Control-Allow-Credentials", "true"],
  ["Access-Control-Expose-Headers", BENCH_POLICY.exposedHeaders.join(", ")],
  ["Vary", "Origin"],
];
const PREFLIGHT_HEADERS: [string, string][] = [
  ["Access-Control-Allow-Credentials", "true"],
  ["Access-Control-Allow-Methods", BENCH_POLICY.allowedMethods.join(", ")],
  ["Access-Control-Allow-Headers", BENCH_POLICY.allowedHeaders.join(", ")],
  ["Access-Control-Max-Age", String(BENCH_POLICY.maxAgeSeconds)],
  ["Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"],
];
const sameHeaders: express.RequestHandler = (req, res, next) => {
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin ?? "");
  if (req.method === "OPTIONS") {
    for (const [name, value] of PREFLIGHT_HEADERS) res.setHeader(name, value);
    res.statusCode = 204;
    res.setHeader("Content-Length", "0");
    res.end();
    return;
  }
  for (const [name, value] of GET_HEADERS) res.setHeader(name, value);
  next();
};

const listen = (server: http.Server) => new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
const control = http.createServer((_req, res) => {
  const u = process.cpuUsage();
  res.end(String(u.user + u.system));
});
/** `cors` in front of the whole app, as corsboardHandler puts corsboard: node:http's listener calls it, then the app (no Express layer; a preflight never reaches Express). */
const corsInFront = (inner: express.Express): http.RequestListener => {
  const cors = corsPackage(corsOptions);
  return (req, res) => cors(req, res, () => inner(req, res));
};
const handlers: Record<string, () => http.RequestListener> = {
  plain: () => app(),
  cors: () => app(corsPackage(corsOptions)),
  // The middleware is typed on node's req/res (it runs in node:http, Connect and Express alike);
  // Express's RequestHandler types req/res as its own subclasses, which TypeScript can't relate.
  corsboard: () => app(corsboardMiddleware(client) as unknown as express.RequestHandler),
  // Each middleware in front of the app instead of as its first layer.
  corsInFront: () => corsInFront(app()),
  corsboardInFront: () => corsboardHandler(client, app()),
  // For scripts/bench-sdk-instructions.ts: no CORS logic, only the headers corsboard sends (the floor
  // any CORS middleware pays for them); not started for bench:sdk, so its process runs the same code as before.
  // and "noop", a middleware that only calls next(): what Express's dispatch of one more layer costs.
  ...(process.env.BENCH_EXTRA_APPS ? { headers: () => app(sameHeaders), noop: () => app((_req, _res, next) => next()) } : {}),
};
// BENCH_ONLY (e.g. "corsboard", from bench-sdk-instructions.ts): only those apps, so no other app's objects reach the shared code
// (Express's and node's functions see one app's request/response shapes, as in a real service).
const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(",") : null;
const ports: Record<string, number> = {};
for (const [name, make] of Object.entries(handlers)) if (!only || only.includes(name)) ports[name] = await listen(http.createServer(make()));
ports.control = await listen(control);
console.log(`PORTS ${JSON.stringify(ports)}`);
// A clean exit on SIGTERM, so `node --cpu-prof` writes its profile.
process.on("SIGTERM", () => process.exit(0));
