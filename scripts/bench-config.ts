// Benchmark of the config API and the SDK middleware: `npx tsx scripts/bench-config.ts`.
//
// 1. Corsboard itself: the production custom server (scripts/server.mjs, what
//    `npm start` runs; the build in .next or $CORSBOARD_DIST_DIR, built first
//    only if missing) on a fresh embedded database holding the demo project
//    and policies of 50 and 5,000 origins. autocannon (-c 32) fetches each
//    (200), and again with If-None-Match (304), next to a minimal node:http
//    server answering the same bytes from memory: throughput, latency
//    percentiles, ratio, and CPU time per request of each server process
//    (from /proc/<pid>/stat: steadier than req/s on a shared machine), with
//    the load average.
// 2. The SDK: an Express 5 app with corsboardMiddleware vs the same app
//    without CORS (actual requests from an allowed origin, and preflights),
//    plus handle() alone in-process: the per-request overhead.
// Each config API run lasts BENCH_SECONDS (default 5): under 2 minutes in all.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { printTable } from "./bench-table";

const root = path.resolve(import.meta.dirname, "..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DIST_DIR = process.env.CORSBOARD_DIST_DIR || ".next";
const DEMO_TOKEN = "cb_bench-demo-read-token-0123456789abcdef";
const PORT = Number(process.env.BENCH_PORT ?? 3390);
const TOKEN = "cb_bench-config-read-token-0123456789abcdef";
const children: ChildProcess[] = [];
const work = fs.mkdtempSync(path.join(os.tmpdir(), "corsboard-bench-config-"));

function cleanup() {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
}
process.on("exit", () => {
  cleanup();
  fs.rmSync(work, { recursive: true, force: true });
});
process.on("SIGINT", () => process.exit(130));

const origins = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `https://app-${i}.${tag}.example.com`);

/** A migrated embedded database with the demo project, and project "bench" with environments small (50 origins) and large (5,000) and a read token for each. */
async function prepareDatabase(dataDir: string): Promise<void> {
  process.env.CORSBOARD_DATA_DIR = dataDir;
  process.env.LOG_LEVEL = "warn";
  delete process.env.DATABASE_URL;
  const { prisma, ensureDatabase, closeDatabase } = await import("../lib/server/db/client");
  const { hashTokenSecret } = await import("../lib/server/tokens/token-secret");
  const { contentHash } = await import("../lib/server/policies/content-hash");
  await ensureDatabase({ log: () => {} });
  // The demo project first (it is only seeded into an empty database).
  const { seedDemo } = await import("../lib/server/seed/seed-demo");
  await seedDemo();
  const project = await prisma.project.create({ data: { slug: "bench", name: "bench" } });
  for (const [position, [slug, n]] of ([["small", 50], ["large", 5_000]] as const).entries()) {
    const env = await prisma.environment.create({ data: { projectId: project.id, slug, name: slug, position } });
    const content = {
      origins: [...origins(n - 1, slug).map((value) => ({ value, note: null, expiresAt: null })), { value: `https://*.preview.${slug}.example.com`, note: null, expiresAt: null }],
      allowCredentials: true,
      allowedMethods: ["GET", "HEAD", "POST", "PUT", "DELETE"],
      allowedHeaders: ["authorization", "content-type"],
      reflectRequestHeaders: false,
      exposedHeaders: ["x-request-id"],
      maxAgeSeconds: 600,
      noOrigin: "allow" as const,
      allowPrivateNetwork: false,
    };
    await prisma.policyVersion.create({ data: { environmentId: env.id, number: 1, content, contentHash: contentHash(content), message: "bench", originCount: n } });
    // One token per environment (config tokens are bound to one environment); the secret differs by suffix.
    const secret = `${TOKEN}-${slug}`;
    await prisma.apiToken.create({ data: { name: `bench-${slug}`, scope: "config_read", secretHash: hashTokenSecret(secret), prefix: secret.slice(0, 10), projectId: project.id, environmentId: env.id } });
  }
  await closeDatabase();
}

async function waitFor(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

interface Run {
  rps: number;
  total: number;
  p50: number;
  p90: number;
  p99: number;
  mbps: number;
  statuses: string;
}

async function cannon(url: string, headers: Record<string, string> = {}, method: "GET" | "OPTIONS" = "GET", seconds = SECONDS): Promise<Run> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers, method });
  const statuses = Object.entries(result.statusCodeStats as Record<string, { count: number }>)
    .map(([code, s]) => `${code}×${s.count}`)
    .join(" ");
  return { rps: result.requests.average, total: result.requests.total, p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, mbps: result.throughput.average / 1e6, statuses };
}

const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const started = Date.now();

// --- 1. Corsboard -----------------------------------------------------------
const nextBin = path.join(root, "node_modules", ".bin", "next");
if (!fs.existsSync(path.join(root, DIST_DIR, "BUILD_ID"))) {
  console.log(`No production build in ${DIST_DIR}: running next build first…`);
  const build = spawnSync(nextBin, ["build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
if (!fs.existsSync(path.join(root, DIST_DIR, "server", "app", "api", "v1", "config"))) {
  console.error(`The build in ${DIST_DIR} has no config API (app/api/v1/config): rebuild with \`npm run build\`.`);
  process.exit(1);
}

const dataDir = path.join(work, "data");
console.log(`Preparing an embedded database in ${dataDir} (policies of 50 and 5,000 origins)…`);
await prepareDatabase(dataDir);

const server = spawn(process.execPath, [path.join(root, "scripts", "server.mjs")], {
  cwd: root,
  env: {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(PORT),
    HOSTNAME: "127.0.0.1",
    CORSBOARD_DATA_DIR: dataDir,
    CORSBOARD_SEED_DEMO: "1",
    CORSBOARD_INIT_CLIENT_TOKENS: `storefront-api:staging:${DEMO_TOKEN}`,
    LOG_LEVEL: "warn",
    DATABASE_URL: "",
  },
  stdio: ["ignore", "inherit", "inherit"],
});
children.push(server);
const base = `http://127.0.0.1:${PORT}`;
await waitFor(`${base}/api/health`, 90_000, server);

interface Target {
  label: string;
  path: string;
  token: string;
  etag: string;
}
const targets: Target[] = [];
const jobBodies: { path: string; file: string; etag: string; authorization: string; headers200: Record<string, string>; headers304: Record<string, string> }[] = [];
/** Headers a response carries whoever sends it (node:http writes them itself): not copied to the baseline. */
const TRANSPORT_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);
const copyHeaders = (h: Headers) => Object.fromEntries([...h].filter(([name]) => !TRANSPORT_HEADERS.has(name)));
const benchTargets = [
  { name: "demo policy", urlPath: "/api/v1/config/storefront-api/staging", token: DEMO_TOKEN },
  { name: "50 origins", urlPath: "/api/v1/config/bench/small", token: `${TOKEN}-small` },
  { name: "5,000 origins", urlPath: "/api/v1/config/bench/large", token: `${TOKEN}-large` },
];
for (const [i, { name, urlPath, token }] of benchTargets.entries()) {
  // As autocannon asks (no Accept-Encoding): the plain bytes. The baseline answers with the same
  // headers as Corsboard (same count and bytes), checks the same Authorization and compares the ETag.
  const authorization = `Bearer ${token}`;
  const res = await fetch(`${base}${urlPath}`, { headers: { authorization, "accept-encoding": "identity" } });
  if (res.status !== 200) throw new Error(`GET ${urlPath}: HTTP ${res.status} ${await res.text()}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  const etag = res.headers.get("etag") as string;
  const notModified = await fetch(`${base}${urlPath}`, { headers: { authorization, "accept-encoding": "identity", "if-none-match": etag } });
  if (notModified.status !== 304) throw new Error(`GET ${urlPath} with If-None-Match: HTTP ${notModified.status}`);
  const file = path.join(work, `body-${i}.json`);
  fs.writeFileSync(file, bytes);
  jobBodies.push({ path: urlPath, file, etag, authorization, headers200: copyHeaders(res.headers), headers304: copyHeaders(notModified.headers) });
  targets.push({ label: `${name} (${fmt(bytes.length / 1024, 1)} KB)`, path: urlPath, token, etag });
}

const jobFile = path.join(work, "job.json");
fs.writeFileSync(jobFile, JSON.stringify({ bodies: jobBodies, corsboard: { url: base, token: `${TOKEN}-small`, project: "bench", environment: "small" } }));
const helper = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "bench-config-servers.ts"), jobFile], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
children.push(helper);
const ports = await new Promise<{ baseline: number; plain: number; cors: number }>((resolve, reject) => {
  let out = "";
  helper.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
    const m = /PORTS (\{.*\})/.exec(out);
    if (m) resolve(JSON.parse(m[1] as string));
  });
  helper.on("exit", (code) => reject(new Error(`bench helper exited with ${code}`)));
});

// Warm up (JIT, Next's route compilation cache) before measuring anything.
await autocannon({ url: `${base}${targets[0]!.path}`, connections: CONNECTIONS, duration: 2, headers: { authorization: `Bearer ${targets[0]!.token}` } });

console.log(`\nConfig API (custom server, fast path) vs a node:http server sending the same bytes from memory (${CONNECTIONS} connections, ${SECONDS} s each)`);
console.log(`load average before: ${loadavg()}\n`);
const rows: string[][] = [];
const serverPid = server.pid as number;
const helperPid = helper.pid as number;
for (const t of targets) {
  for (const conditional of [false, true]) {
    const headers: Record<string, string> = { authorization: `Bearer ${t.token}`, ...(conditional ? { "if-none-match": t.etag } : {}) };
    const corsboard = await measured(serverPid, () => cannon(`${base}${t.path}`, headers));
    const baseline = await measured(helperPid, () => cannon(`http://127.0.0.1:${ports.baseline}${t.path}`, headers));
    rows.push([
      `${t.label}, ${conditional ? "304" : "200"}`,
      `${fmt(corsboard.rps)} req/s`,
      `${corsboard.p50} / ${corsboard.p90} / ${corsboard.p99} ms`,
      `${fmt(corsboard.cpuUs)} µs`,
      `${fmt(baseline.rps)} req/s`,
      `${fmt(baseline.cpuUs)} µs`,
      `${fmt(corsboard.rps / baseline.rps, 2)}×`,
      `${fmt(baseline.cpuUs / corsboard.cpuUs, 2)}×`,
      corsboard.statuses,
    ]);
  }
}
// What a request costs once it reaches Next (the dashboard's routes): /api/v1/me without credentials is a 401 with no database access.
// Measured last, and waited out: Next is still answering queued requests when autocannon stops, and that CPU
// time would otherwise count against whatever is measured next.
const floor = await measured(serverPid, async () => {
  const r = await cannon(`${base}/api/v1/me`);
  await idle(serverPid);
  return r;
});
rows.push(["Next.js floor: GET /api/v1/me → 401, no DB", `${fmt(floor.rps)} req/s`, `${floor.p50} / ${floor.p90} / ${floor.p99} ms`, `${fmt(floor.cpuUs)} µs`, "", "", "", "", floor.statuses]);
printTable(["request", "Corsboard", "p50 / p90 / p99", "CPU/req", "node:http baseline", "CPU/req", "ratio req/s", "ratio CPU", "Corsboard statuses"], rows);
console.log(`load average after: ${loadavg()}`);

// --- 2. The SDK middleware --------------------------------------------------
console.log(`\nSDK middleware: Express 5 with corsboardMiddleware vs without CORS (50-origin policy, ${CONNECTIONS} connections, best of 2 × 3 s)\n`);
// Best of two interleaved rounds of 3 s each: the machine may be shared, and the best run is the least disturbed.
const scenarios = {
  plain: () => cannon(`http://127.0.0.1:${ports.plain}/api/orders`, { origin: "https://app-7.small.example.com" }, "GET", 3),
  actual: () => cannon(`http://127.0.0.1:${ports.cors}/api/orders`, { origin: "https://app-7.small.example.com" }, "GET", 3),
  wildcard: () => cannon(`http://127.0.0.1:${ports.cors}/api/orders`, { origin: "https://pr-42.preview.small.example.com" }, "GET", 3),
  preflight: () => cannon(`http://127.0.0.1:${ports.cors}/api/orders`, { origin: "https://app-7.small.example.com", "access-control-request-method": "PUT" }, "OPTIONS", 3),
};
const best: Partial<Record<keyof typeof scenarios, Run>> = {};
for (let round = 0; round < 2; round++) {
  for (const [name, run] of Object.entries(scenarios) as [keyof typeof scenarios, () => Promise<Run>][]) {
    const r = await run();
    if (!best[name] || r.rps > best[name].rps) best[name] = r;
  }
}
const { plain, actual, wildcard, preflight } = best as Record<keyof typeof scenarios, Run>;
// On one single-threaded server, 1/throughput is the CPU time per request; the difference is the middleware's
// (negative or tiny values: below the noise of a shared machine — see handle() alone below).
const overhead = (r: Run) => `${fmt(1e6 / r.rps - 1e6 / plain.rps, 1)} µs`;
printTable(
  ["Express app", "throughput", "p50 / p90 / p99", "vs no CORS", "CPU per request vs no CORS"],
  [
    ["no CORS (GET)", `${fmt(plain.rps)} req/s`, `${plain.p50} / ${plain.p90} / ${plain.p99} ms`, "1.00×", "—"],
    ["corsboardMiddleware, GET from an exact origin", `${fmt(actual.rps)} req/s`, `${actual.p50} / ${actual.p90} / ${actual.p99} ms`, `${fmt(actual.rps / plain.rps, 2)}×`, overhead(actual)],
    ["corsboardMiddleware, GET from a wildcard origin", `${fmt(wildcard.rps)} req/s`, `${wildcard.p50} / ${wildcard.p90} / ${wildcard.p99} ms`, `${fmt(wildcard.rps / plain.rps, 2)}×`, overhead(wildcard)],
    ["corsboardMiddleware, preflight (answered, no handler)", `${fmt(preflight.rps)} req/s`, `${preflight.p50} / ${preflight.p90} / ${preflight.p99} ms`, `${fmt(preflight.rps / plain.rps, 2)}×`, overhead(preflight)],
  ],
);

// handle() alone, in this process: the decision without HTTP.
const { createCorsboardClient, handle } = await import("../lib/sdk");
const client = createCorsboardClient({ url: base, token: `${TOKEN}-large`, project: "bench", environment: "large", refresh: "poll", pollIntervalMs: 3_600_000, logger: { debug() {}, info() {}, warn() {}, error() {} } });
await client.ready;
const requests = [
  { method: "GET", headers: { origin: "https://app-4321.large.example.com" } },
  { method: "GET", headers: { origin: "https://x.preview.large.example.com" } },
  { method: "OPTIONS", headers: { origin: "https://app-17.large.example.com", "access-control-request-method": "PUT", "access-control-request-headers": "authorization" } },
  { method: "GET", headers: { origin: "https://evil.example" } },
];
let calls = 0;
const t0 = process.hrtime.bigint();
const deadline = Date.now() + 1_000;
while (Date.now() < deadline) {
  for (let i = 0; i < 1000; i++) handle(client, requests[i & 3] as (typeof requests)[number]);
  calls += 1000;
}
const ns = Number(process.hrtime.bigint() - t0) / calls;
console.log(`\nhandle() alone (5,000-origin policy, mixed exact/wildcard/preflight/rejected): ${fmt(ns)} ns per request (${fmt(1e9 / ns)} decisions/s)`);
await client.close();

console.log(`\nDone in ${fmt((Date.now() - started) / 1000)} s.`);
cleanup();
process.exit(0);

function loadavg(): string {
  return os.loadavg().map((n) => n.toFixed(2)).join(" / ") + ` (1 / 5 / 15 min, ${os.cpus().length} CPUs)`;
}

/** utime + stime of a process, in µs (Linux /proc; clock ticks of 10 ms). */
function cpuMicros(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1e6) / CLOCK_TICKS;
}

/** Until the process has used no CPU for 300 ms (at most 30 s). */
async function idle(pid: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last = cpuMicros(pid);
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 300));
    const now = cpuMicros(pid);
    if (now === last) return;
    last = now;
  }
}

/** A run with the CPU time the server process spent per request during it. */
async function measured(pid: number, run: () => Promise<Run>): Promise<Run & { cpuUs: number }> {
  const before = cpuMicros(pid);
  const r = await run();
  const used = cpuMicros(pid) - before;
  return { ...r, cpuUs: used / Math.max(1, r.total) };
}

