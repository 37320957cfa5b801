// Fan-out benchmark: `npm run bench:fanout` (needs PostgreSQL on 127.0.0.1:5432, user postgres).
//
// Two production servers (scripts/server.mjs, the build in .next or
// $CORSBOARD_DIST_DIR) on one PostgreSQL database created for the run (and
// dropped after). N SSE subscribers (default 10,000, BENCH_SUBSCRIBERS) split
// over both, on light raw-socket clients (not the SDK, so the client side
// stays cheap); then 20 publishes (INSERT + pg_notify in one transaction, as
// the publish operation does), one after the other once every subscriber has
// the previous one: publish → event received p50/p99/max, each server's RSS
// growth per subscriber, and its CPU per publish. Then the long-poll mode:
// BENCH_LONG_POLLS (default 2,000) long-polls, re-issued at once after each
// answer, over 10 publishes. Load average printed before and after.
//
// Goals (issue 10): p99 < 1 s for 10,000 subscribers, < 30 KB RSS per
// subscriber, 2,000 long-polls p99 < 1 s. Needs ~N+100 file descriptors in
// this process and N/2+100 in each server: the npm script raises `ulimit -n`
// to the hard limit.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "..");
const DIST_DIR = process.env.CORSBOARD_DIST_DIR || ".next";
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const LONG_POLLS = Number(process.env.BENCH_LONG_POLLS ?? 2_000);
const PUBLISHES = Number(process.env.BENCH_PUBLISHES ?? 20);
const LONG_POLL_PUBLISHES = Number(process.env.BENCH_LONG_POLL_PUBLISHES ?? 10);
const PORTS = [Number(process.env.BENCH_PORT ?? 3391), Number(process.env.BENCH_PORT ?? 3391) + 1];
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const TOKEN = "cb_bench-fanout-read-token-0123456789abcdef";
const PROJECT = "storefront-api";
const ENVIRONMENT = "dev";
const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const loadavg = () => `${os.loadavg().map((n) => n.toFixed(2)).join(" / ")} (1 / 5 / 15 min, ${os.cpus().length} CPUs)`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

if (!fs.existsSync(path.join(root, DIST_DIR, "BUILD_ID"))) {
  console.error(`No production build in ${DIST_DIR}: run \`npm run build\` first (or set CORSBOARD_DIST_DIR).`);
  process.exit(1);
}

// --- database and servers ----------------------------------------------------
const dbName = `corsboard_bench_fanout_${Date.now().toString(36)}`;
const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const children: ChildProcess[] = [];
let cleaned = false;
async function cleanup(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  await Promise.all(
    children.map((c) =>
      c.exitCode !== null
        ? undefined
        : new Promise<void>((resolve) => {
            c.once("exit", () => resolve());
            c.kill("SIGTERM");
          }),
    ),
  );
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch((e: unknown) => console.error(`could not drop ${dbName}: ${String(e)}`));
}
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

function startServer(port: number): ChildProcess {
  const child = spawn(process.execPath, [path.join(root, "scripts", "server.mjs")], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: dbUrl,
      CORSBOARD_SEED_DEMO: "1",
      CORSBOARD_INIT_CLIENT_TOKENS: `${PROJECT}:${ENVIRONMENT}:${TOKEN}`,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  return child;
}

async function waitHealthy(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200) return;
    } catch {
      // not yet
    }
    await sleep(250);
  }
  throw new Error(`server on ${port} not healthy`);
}

function rssKb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN);
}
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

// --- publishing ----------------------------------------------------------------
let environmentId = "";
let version = 1;
async function publish(db: pg.Client): Promise<{ version: number; at: number }> {
  const next = version + 1;
  const content = {
    origins: [{ value: `https://v${next}.storefront.example`, note: null, expiresAt: null }, { value: "https://www.storefront.example", note: null, expiresAt: null }],
    allowCredentials: true,
    allowedMethods: ["GET", "POST"],
    allowedHeaders: ["content-type"],
    reflectRequestHeaders: false,
    exposedHeaders: [],
    maxAgeSeconds: 600,
    noOrigin: "allow",
    allowPrivateNetwork: false,
  };
  await db.query("BEGIN");
  await db.query(`INSERT INTO policy_version (id, "environmentId", number, content, "contentHash", message, "originCount") VALUES (gen_random_uuid()::text, $1, $2, $3, 'bench', 'bench publish', 2)`, [
    environmentId,
    next,
    JSON.stringify(content),
  ]);
  const at = Date.now();
  await db.query("SELECT pg_notify('corsboard_config', $1)", [`policy:${environmentId}:${next}:${at}`]);
  await db.query("COMMIT");
  version = next;
  return { version: next, at };
}

// --- light clients ---------------------------------------------------------------
interface Subscriber {
  /** Arrival time of the event of each version. */
  seen: Map<number, number>;
  close(): void;
}

function connectSse(port: number): Promise<Subscriber> {
  return new Promise((resolve, reject) => {
    const sub: Subscriber = { seen: new Map(), close: () => socket.destroy() };
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(`GET /api/v1/config/${PROJECT}/${ENVIRONMENT}/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TOKEN}\r\nLast-Event-ID: ${version}\r\n\r\n`);
    });
    let headed = false;
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      if (!headed) {
        headed = true;
        if (!chunk.startsWith("HTTP/1.1 200")) return reject(new Error(chunk.split("\r\n")[0]));
        resolve(sub);
      }
      // Events carry "id: <version>"; a chunk boundary inside it only delays that sample's detection.
      let i = chunk.indexOf("\nid: ");
      while (i >= 0) {
        const v = Number.parseInt(chunk.slice(i + 5, i + 16), 10);
        if (!sub.seen.has(v)) sub.seen.set(v, Date.now());
        i = chunk.indexOf("\nid: ", i + 5);
      }
    });
    socket.on("error", reject);
  });
}

/** A long-poll client that re-asks at once after each answer (keep-alive): arrival time per version. */
function startLongPoller(port: number): Subscriber {
  const sub: Subscriber = { seen: new Map<number, number>(), close: () => socket.destroy() };
  let known = version;
  const ask = () => socket.write(`GET /api/v1/config/${PROJECT}/${ENVIRONMENT}?waitForChange=${known}&timeout=60 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TOKEN}\r\n\r\n`);
  const socket = net.connect(port, "127.0.0.1", ask);
  let buffer = "";
  socket.setEncoding("latin1");
  socket.on("data", (chunk: string) => {
    buffer += chunk;
    for (;;) {
      const end = buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      const head = buffer.slice(0, end);
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
      if (buffer.length < end + 4 + length) return;
      buffer = buffer.slice(end + 4 + length);
      const v = Number(/x-corsboard-version: (\d+)/i.exec(head)?.[1] ?? 0);
      if (head.startsWith("HTTP/1.1 200") && !sub.seen.has(v)) sub.seen.set(v, Date.now());
      known = Math.max(known, v);
      ask();
    }
  });
  socket.on("error", () => {});
  return sub;
}

function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? NaN, n: s.length };
}

async function waitAll(subs: Subscriber[], v: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const missing = subs.reduce((n, s) => n + (s.seen.has(v) ? 0 : 1), 0);
    if (missing === 0 || Date.now() > deadline) return missing;
    await sleep(20);
  }
}

// --- run -------------------------------------------------------------------------
const started = Date.now();
try {
  await admin(`CREATE DATABASE ${dbName}`);
  console.log(`Database ${dbName}; starting two servers on ${PORTS.join(" and ")}…`);
  const a = startServer(PORTS[0]!);
  await waitHealthy(PORTS[0]!, a);
  const b = startServer(PORTS[1]!);
  await waitHealthy(PORTS[1]!, b);
  const servers = [a, b];
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  const env = await db.query<{ id: string; n: number }>(
    `SELECT e.id, (SELECT max(number) FROM policy_version v WHERE v."environmentId" = e.id) AS n FROM environment e JOIN project p ON p.id = e."projectId" WHERE p.slug = $1 AND e.slug = $2`,
    [PROJECT, ENVIRONMENT],
  );
  environmentId = env.rows[0]!.id;
  version = Number(env.rows[0]!.n);
  // Warm both (token, environment and version caches, JIT).
  for (const port of PORTS) for (let i = 0; i < 20; i++) await fetch(`http://127.0.0.1:${port}/api/v1/config/${PROJECT}/${ENVIRONMENT}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  await sleep(500);

  console.log(`load average before: ${loadavg()}`);
  const rssBefore = servers.map((s) => rssKb(s.pid!));
  console.log(`Connecting ${fmt(SUBSCRIBERS)} SSE subscribers (${fmt(SUBSCRIBERS / 2)} per server)…`);
  const subs: Subscriber[] = [];
  for (let i = 0; i < SUBSCRIBERS; i += 250) {
    subs.push(...(await Promise.all(Array.from({ length: Math.min(250, SUBSCRIBERS - i) }, (_, j) => connectSse(PORTS[(i + j) % 2]!)))));
  }
  await sleep(2_000);
  const rssAfter = servers.map((s) => rssKb(s.pid!));

  const cpuBefore = servers.map((s) => cpuMs(s.pid!));
  const latencies: number[] = [];
  let lost = 0;
  for (let i = 0; i < PUBLISHES; i++) {
    const { version: v, at } = await publish(db);
    lost += await waitAll(subs, v, 10_000);
    for (const s of subs) {
      const t = s.seen.get(v);
      if (t !== undefined) latencies.push(t - at);
    }
    await sleep(200);
  }
  const cpuUsed = servers.map((s, i) => cpuMs(s.pid!) - cpuBefore[i]!);
  const sse = percentiles(latencies);
  const perSubscriber = rssAfter.map((r, i) => ((r - rssBefore[i]!) * 1024) / (SUBSCRIBERS / 2));

  console.log(`\nSSE: ${fmt(SUBSCRIBERS)} subscribers over two instances, ${PUBLISHES} publishes (${fmt(sse.n)} deliveries${lost ? `, ${lost} missing after 10 s` : ""})`);
  console.log(`  publish → event received: p50 ${fmt(sse.p50)} ms, p99 ${fmt(sse.p99)} ms, max ${fmt(sse.max)} ms   (goal p99 < 1,000 ms)`);
  for (const [i, port] of PORTS.entries()) {
    console.log(
      `  server :${port}: RSS ${fmt(rssBefore[i]! / 1024)} → ${fmt(rssAfter[i]! / 1024)} MB = ${fmt(perSubscriber[i]! / 1024, 1)} KB per subscriber (goal < 30 KB); CPU ${fmt(cpuUsed[i]! / PUBLISHES)} ms per publish`,
    );
  }

  // Long-polls: close the streams first (clean picture), then 2,000 pollers.
  console.log(`\nLong-poll: ${fmt(LONG_POLLS)} long-polls over two instances, ${LONG_POLL_PUBLISHES} publishes…`);
  for (const s of subs) s.close();
  await sleep(500);
  const pollers = Array.from({ length: LONG_POLLS }, (_, i) => startLongPoller(PORTS[i % 2]!));
  await sleep(3_000);
  const lpLatencies: number[] = [];
  let lpLost = 0;
  for (let i = 0; i < LONG_POLL_PUBLISHES; i++) {
    const { version: v, at } = await publish(db);
    lpLost += await waitAll(pollers, v, 10_000);
    for (const p of pollers) {
      const t = p.seen.get(v);
      if (t !== undefined) lpLatencies.push(t - at);
    }
    await sleep(500);
  }
  const lp = percentiles(lpLatencies);
  console.log(`  publish → answer received: p50 ${fmt(lp.p50)} ms, p99 ${fmt(lp.p99)} ms, max ${fmt(lp.max)} ms (${fmt(lp.n)} answers${lpLost ? `, ${lpLost} missing after 10 s` : ""})   (goal p99 < 1,000 ms)`);
  for (const p of pollers) p.close();
  console.log(`\nload average after: ${loadavg()}`);
  console.log(`Done in ${fmt((Date.now() - started) / 1000)} s.`);
  await db.end();
} finally {
  await cleanup();
}
process.exit(0);
