// The SDK's overhead in Express 5: `npm run bench:sdk`.
//
// Five apps on the same 50-origin policy, in one child process (so their CPU
// time is measured apart from autocannon's): Express without CORS, with the
// `cors` package and with corsboardMiddleware as its first layer (app.use),
// and each of the two in front of the app instead (node:http's listener calls
// the middleware, then the app: corsboardHandler for corsboard). Two requests: an allowed GET
// (from an exact origin) and an allowed preflight (PUT, content-type). Runs
// are interleaved (plain, cors, corsboard, plain, …), best of BENCH_ROUNDS
// (default 3) × BENCH_SECONDS (default 3) each: the machine may be shared, and
// the best run is the least disturbed. Printed: throughput, CPU µs per
// request (the server process's CPU time over the requests it answered),
// p50/p99, and corsboard's ratio to each baseline; the load average before
// and after. Then handle() alone (the decision, without HTTP).
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { printTable } from "./bench-table";

const root = path.resolve(import.meta.dirname, "..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ORIGIN = "https://app-7.small.example.com";
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" / ");
const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

console.log(`SDK overhead: Express 5, 50-origin policy, ${CONNECTIONS} connections, best of ${ROUNDS} × ${SECONDS} s per cell; ${os.cpus().length} CPUs, load average ${load()} (1/5/15 min)\n`);

const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/bench-sdk-servers.ts")], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
process.on("exit", () => child.kill("SIGTERM"));
type App = "plain" | "cors" | "corsboard" | "corsInFront" | "corsboardInFront";
const ports = await new Promise<Record<App | "control", number>>((resolve, reject) => {
  let out = "";
  child.stdout.on("data", (c: Buffer) => {
    out += c.toString();
    const m = /PORTS (\{.*\})/.exec(out);
    if (m) resolve(JSON.parse(m[1]!));
  });
  child.once("exit", (code) => reject(new Error(`bench servers exited with ${code}: ${out}`)));
});

const cpu = async () => Number(await (await fetch(`http://127.0.0.1:${ports.control}/`)).text());

interface Run {
  rps: number;
  cpuUs: number;
  p50: number;
  p99: number;
  statuses: string;
}

async function cannon(port: number, request: "get" | "preflight"): Promise<Run> {
  const headers: Record<string, string> = request === "get" ? { origin: ORIGIN } : { origin: ORIGIN, "access-control-request-method": "PUT", "access-control-request-headers": "content-type" };
  const before = await cpu();
  const r = await autocannon({ url: `http://127.0.0.1:${port}/api/orders`, connections: CONNECTIONS, duration: SECONDS, headers, method: request === "get" ? "GET" : "OPTIONS" });
  const used = (await cpu()) - before;
  const statuses = Object.entries(r.statusCodeStats as Record<string, { count: number }>).map(([code, s]) => `${code}×${s.count}`).join(" ");
  return { rps: r.requests.average, cpuUs: used / Math.max(1, r.requests.total), p50: r.latency.p50, p99: r.latency.p99, statuses };
}

// Warm-up (JIT), then interleaved rounds.
const apps: App[] = ["plain", "cors", "corsboard", "corsInFront", "corsboardInFront"];
for (const app of apps) {
  await autocannon({ url: `http://127.0.0.1:${ports[app]}/api/orders`, connections: CONNECTIONS, duration: 1, headers: { origin: ORIGIN } });
}
const best: Record<string, Run> = {};
for (let round = 0; round < ROUNDS; round++) {
  for (const request of ["get", "preflight"] as const) {
    for (const app of apps) {
      const r = await cannon(ports[app], request);
      const key = `${app} ${request}`;
      if (!best[key] || r.rps > best[key].rps) best[key] = r;
    }
  }
}

const rows: string[][] = [];
const ratios: string[] = [];
const LABELS: Record<App, string> = {
  plain: "Express, no CORS",
  cors: "app.use(cors(…))",
  corsboard: "app.use(corsboardMiddleware(…))",
  corsInFront: "cors in front of the app",
  corsboardInFront: "corsboardHandler(client, app)",
};
for (const request of ["get", "preflight"] as const) {
  const label = request === "get" ? "allowed GET" : "allowed preflight";
  const r = (app: App) => best[`${app} ${request}`]!;
  for (const app of apps) rows.push([label, LABELS[app], `${fmt(r(app).rps)} req/s`, `${fmt(r(app).cpuUs, 1)} µs`, `${r(app).p50} / ${r(app).p99} ms`, r(app).statuses]);
  const ratio = (a: App, b: App) => `${fmt(r(a).rps / r(b).rps, 2)}×`;
  ratios.push(
    `${label}, as a layer (app.use): corsboard / no CORS = ${ratio("corsboard", "plain")} (goal ≥ 0.95×), corsboard / cors = ${ratio("corsboard", "cors")} (goal ≥ 1.00×); CPU per request ${fmt(r("corsboard").cpuUs, 1)} µs vs ${fmt(r("plain").cpuUs, 1)} µs (no CORS) and ${fmt(r("cors").cpuUs, 1)} µs (cors)`,
    `${label}, in front of the app: corsboardHandler / no CORS = ${ratio("corsboardInFront", "plain")} (goal ≥ 0.95×), / cors in front = ${ratio("corsboardInFront", "corsInFront")}, / app.use(cors) = ${ratio("corsboardInFront", "cors")} (goal ≥ 1.00×); CPU per request ${fmt(r("corsboardInFront").cpuUs, 1)} µs`,
  );
}
printTable(["request", "app", "throughput", "CPU / request", "p50 / p99", "statuses"], rows);
console.log("");
for (const r of ratios) console.log(r);

// The middlewares alone, in this process, on real node:http request/response objects without a socket:
// what each costs around the decision (headers, allocation), away from the HTTP parsing and writing.
{
  const http = await import("node:http");
  const net = await import("node:net");
  const corsPackage = (await import("cors")).default;
  const { corsboardMiddleware, createCorsboardClient: create, canonicalJson: canon } = await import("../lib/sdk");
  const { BENCH_POLICY: policy, PREVIEW_PATTERN } = await import("./bench-sdk-policy");
  const { createHash: hash } = await import("node:crypto");
  const document = { project: "bench", environment: "small", version: 1, publishedAt: "2026-01-01T00:00:00.000Z", contentHash: hash("sha256").update(canon(policy)).digest("hex"), policy };
  const c = create({ url: "http://x.invalid", token: "t", project: "bench", environment: "small", refresh: "poll", pollIntervalMs: 3_600_000, fetch: async () => new Response(JSON.stringify(document)) });
  await c.ready;
  const exact = policy.origins.filter((o) => !o.value.includes("*")).map((o) => o.value);
  const middlewares = {
    cors: corsPackage({ origin: [...exact, PREVIEW_PATTERN], credentials: true, methods: policy.allowedMethods, allowedHeaders: policy.allowedHeaders, exposedHeaders: policy.exposedHeaders, maxAge: 600, optionsSuccessStatus: 204 }),
    corsboard: corsboardMiddleware(c),
  } as Record<string, (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse, next: () => void) => void>;
  const socket = new net.Socket();
  const make = (method: string, headers: Record<string, string>) => {
    const req = new http.IncomingMessage(socket);
    req.method = method;
    req.url = "/api/orders";
    req.headers = headers;
    const res = new http.ServerResponse(req);
    res.setHeader("X-Powered-By", "Express"); // as in Express: headers already set
    return { req, res };
  };
  /** CPU ns per call of `mw` (null: only making the request/response objects), over 0.7 s. */
  const perCall = (mw: ((req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse, next: () => void) => void) | null, method: string, headers: Record<string, string>) => {
    const next = () => {};
    let n = 0;
    const t0 = process.cpuUsage();
    const deadline = Date.now() + 700;
    while (Date.now() < deadline) {
      for (let i = 0; i < 200; i++) {
        const { req, res } = make(method, headers);
        if (mw) mw(req, res, next);
      }
      n += 200;
    }
    const used = process.cpuUsage(t0);
    return ((used.user + used.system) * 1000) / n;
  };
  const get = { origin: ORIGIN };
  const pre = { origin: ORIGIN, "access-control-request-method": "PUT", "access-control-request-headers": "content-type" };
  const alone: string[][] = [];
  let empty = Infinity;
  for (const [label, method, headers] of [["allowed GET", "GET", get], ["allowed preflight", "OPTIONS", pre]] as const) {
    // Interleaved rounds; the least disturbed (smallest) of each, the objects' own cost subtracted.
    const best = { none: Infinity, cors: Infinity, corsboard: Infinity };
    for (let round = 0; round < 5; round++) {
      best.none = Math.min(best.none, perCall(null, method, headers));
      best.cors = Math.min(best.cors, perCall(middlewares.cors!, method, headers));
      best.corsboard = Math.min(best.corsboard, perCall(middlewares.corsboard!, method, headers));
    }
    empty = Math.min(empty, best.none);
    const cors = best.cors - best.none;
    const corsboard = best.corsboard - best.none;
    alone.push([label, `${fmt(cors)} ns`, `${fmt(corsboard)} ns`, `${fmt(cors / corsboard, 2)}×`]);
  }
  console.log(`\nThe middleware alone (CPU ns per call, request/response objects' own cost of ${fmt(empty)} ns subtracted; best of 5 interleaved × 0.7 s):\n`);
  printTable(["request", "cors package", "corsboardMiddleware", "corsboard speed vs cors"], alone);
  await c.close();
}

// handle() alone: the decision without HTTP, in this process.
const { createCorsboardClient, handle, canonicalJson } = await import("../lib/sdk");
const { BENCH_POLICY } = await import("./bench-sdk-policy");
const { createHash } = await import("node:crypto");
const doc = { project: "bench", environment: "small", version: 1, publishedAt: "2026-01-01T00:00:00.000Z", contentHash: createHash("sha256").update(canonicalJson(BENCH_POLICY)).digest("hex"), policy: BENCH_POLICY };
const client = createCorsboardClient({ url: "http://x.invalid", token: "t", project: "bench", environment: "small", refresh: "poll", pollIntervalMs: 3_600_000, fetch: async () => new Response(JSON.stringify(doc)) });
await client.ready;
const requests = [
  { method: "GET", headers: { origin: ORIGIN } },
  { method: "OPTIONS", headers: { origin: ORIGIN, "access-control-request-method": "PUT", "access-control-request-headers": "content-type" } },
];
let calls = 0;
const t0 = process.hrtime.bigint();
const deadline = Date.now() + 1_000;
while (Date.now() < deadline) {
  for (let i = 0; i < 1000; i++) handle(client, requests[i & 1]!);
  calls += 1000;
}
const ns = Number(process.hrtime.bigint() - t0) / calls;
console.log(`\nhandle() alone (allowed GET and preflight alternately): ${fmt(ns)} ns per request`);
await client.close();
console.log(`\nLoad average after: ${load()}`);
child.kill("SIGTERM");
process.exit(0);
