// Instructions per request of the apps of `npm run bench:sdk`, counted
// by callgrind: `npm run bench:sdk:instructions` (needs valgrind).
//
// Wall-clock throughput is noisy on a shared machine; an instruction count is
// not. The servers of scripts/bench-sdk-servers.ts (all apps in one
// process, as in bench:sdk) run under `valgrind --tool=callgrind`; this
// process (not under valgrind) is the load generator. After a warm-up of
// every app and request (so V8 has optimised the steady state), for each app
// × request: callgrind's counters are zeroed (vgdb monitor command `zero`,
// which interrupts the process even when it waits in epoll), N requests are
// sent over BENCH_CONNECTIONS keep-alive connections, and the counters are
// dumped. Two figures per request, each the least of BENCH_ROUNDS rounds
// (default 2): the request path (libuv's stream callback, inclusive: parsing,
// Express, the middleware, writing, the scavenges its allocations cause;
// stable to < 1 %) and the whole process (every thread: also V8's concurrent
// marking and sweeping, which falls in one cell or another by chance, ±5 %).
// Each app's excess over Express without CORS is printed with it.
//
// BENCH_ONLY=1: the server process starts only the apps of BENCH_APPS, so
// no other app's request/response objects reach the code they share (node's
// and Express's functions see one app's shapes, as in a real service): run it
// once per app (BENCH_APPS=plain, =cors, …). By default all apps share one
// process, as in bench:sdk. BENCH_KEEP_DUMPS=1 keeps callgrind's dumps (one per
// cell, in order) for callgrind_annotate.
//
// BENCH_REQUESTS (default 2,000 per cell), BENCH_WARMUP (default 3,000 per
// app and request), BENCH_APPS (default "plain,cors,corsboard,corsInFront,corsboardInFront"; "headers" is
// the plain app plus a trivial middleware setting the same headers as
// corsboard: the floor any CORS middleware pays for them), BENCH_SERVERS (another
// servers script printing `PORTS {…}`, e.g. one adding an app from another
// checkout to compare before/after in one process).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { printTable } from "./bench-table";

const root = path.resolve(import.meta.dirname, "..");
const N = Number(process.env.BENCH_REQUESTS ?? 2_000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const APPS = (process.env.BENCH_APPS ?? "plain,cors,corsboard,corsInFront,corsboardInFront").split(",");
const ONLY = process.env.BENCH_ONLY === "1";
const ORIGIN = "https://app-7.small.example.com";
const REQUESTS = {
  get: { method: "GET" as const, headers: { origin: ORIGIN } },
  preflight: { method: "OPTIONS" as const, headers: { origin: ORIGIN, "access-control-request-method": "PUT", "access-control-request-headers": "content-type" } },
};

const out = mkdtempSync(path.join(os.tmpdir(), "bench-sdk-callgrind-"));
const child = spawn(
  "valgrind",
  ["--tool=callgrind", "--instr-atstart=no", "--dump-instr=no", "--compress-strings=no", `--callgrind-out-file=${out}/cg.out`, process.execPath, "--import", "tsx", path.resolve(root, process.env.BENCH_SERVERS ?? "scripts/bench-sdk-servers.ts")],
  { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, BENCH_EXTRA_APPS: "1", BENCH_ONLY: ONLY ? APPS.join(",") : "" } },
);
let stderr = "";
child.stderr.on("data", (c: Buffer) => void (stderr += c.toString()));
process.on("exit", () => {
  child.kill("SIGTERM");
  if (process.env.BENCH_KEEP_DUMPS) console.log(`callgrind dumps kept in ${out} (callgrind_annotate --inclusive=yes ${out}/cg.out.1)`);
  else rmSync(out, { recursive: true, force: true });
});
const ports = await new Promise<Record<string, number>>((resolve, reject) => {
  let text = "";
  child.stdout.on("data", (c: Buffer) => {
    text += c.toString();
    const m = /PORTS (\{.*\})/.exec(text);
    if (m) resolve(JSON.parse(m[1]!));
  });
  child.once("exit", (code) => reject(new Error(`bench servers exited with ${code}: ${text}\n${stderr.slice(-2000)}`)));
});

/** A callgrind monitor command through vgdb (it interrupts the process even while it waits in a system call). */
function monitor(command: string) {
  const r = spawnSync("vgdb", [`--pid=${child.pid}`, ...command.split(" ")], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`vgdb ${command}: ${r.stderr}${r.stdout}`);
}

/** Instructions in callgrind's newest dump (it numbers them cg.out.1, cg.out.2, …). */
function dumped(): { total: number; path: number } {
  const newest = readdirSync(out)
    .map((f) => ({ f, n: Number(/^cg\.out\.(\d+)$/.exec(f)?.[1] ?? -1) }))
    .sort((a, b) => b.n - a.n)[0];
  if (!newest || newest.n < 0) throw new Error(`no callgrind dump in ${out}`);
  const file = path.join(out, newest.f);
  const m = /^summary:\s+(\d+)/m.exec(readFileSync(file, "utf8"));
  if (!m) throw new Error(`no summary in ${newest.f}`);
  // The request path: libuv's stream callback, inclusive (parsing, Express, the middleware, writing,
  // the scavenges that its allocations cause). What it leaves out is mostly V8's concurrent marking
  // and sweeping on other threads, which lands in one cell or another by chance: the total varies
  // by ±5 % between rounds, the request path by < 1 %.
  const annotated = spawnSync("callgrind_annotate", ["--inclusive=yes", "--threshold=100", file], { encoding: "utf8", maxBuffer: 64 << 20 });
  const stream = /^\s*([\d,]+) .*:uv__stream_io \[/m.exec(annotated.stdout);
  if (!stream) throw new Error(`no uv__stream_io in ${newest.f}`);
  return { total: Number(m[1]), path: Number(stream[1]!.replaceAll(",", "")) };
}

async function send(app: string, request: keyof typeof REQUESTS, amount: number) {
  const r = REQUESTS[request];
  const result = await autocannon({ url: `http://127.0.0.1:${ports[app]}/api/orders`, connections: CONNECTIONS, amount, method: r.method, headers: r.headers, timeout: 60 });
  // Express without CORS answers OPTIONS itself (200, Allow: GET, HEAD).
  const expected = request === "get" || app === "plain" || app === "noop" ? "200" : "204";
  const codes = result.statusCodeStats as Record<string, { count: number }>;
  if ((codes[expected]?.count ?? 0) !== amount) throw new Error(`${app} ${request}: ${JSON.stringify(codes)}, errors ${result.errors}, timeouts ${result.timeouts}`);
}

console.log(`Instructions per request (callgrind), Express 5, 50-origin policy, ${CONNECTIONS} connections, ${N} requests per cell after ${WARMUP} of warm-up; apps: ${APPS.join(", ")}\n`);
// Warm-up without instrumentation (several times faster under valgrind; V8 optimises the same code).
for (let i = 0; i < 2; i++) for (const request of ["get", "preflight"] as const) for (const app of APPS) await send(app, request, WARMUP / 2);
monitor("instrumentation on");

const per: Record<string, { total: number; path: number }> = {};
const all: Record<string, { total: number; path: number }[]> = {};
for (let round = 0; round < ROUNDS; round++) {
  for (const request of ["get", "preflight"] as const) {
    for (const app of APPS) {
      monitor("zero");
      await send(app, request, N);
      monitor("dump");
      const d = dumped();
      const v = { total: d.total / N, path: d.path / N };
      const key = `${app} ${request}`;
      (all[key] ??= []).push(v);
      per[key] = { total: Math.min(per[key]?.total ?? Infinity, v.total), path: Math.min(per[key]?.path ?? Infinity, v.path) };
      process.stderr.write(`round ${round + 1}: ${key}: total ${Math.round(v.total)}, request path ${Math.round(v.path)}\n`);
    }
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const rows: string[][] = [];
for (const request of ["get", "preflight"] as const) {
  const plain = per[`plain ${request}`];
  for (const app of APPS) {
    const v = per[`${app} ${request}`]!;
    const vs = (x: number, base: number | undefined) => (base === undefined ? "" : `${x >= base ? "+" : ""}${fmt(x - base)} (${(((x - base) / base) * 100).toFixed(1)} %), ${(base / x).toFixed(3)}×`);
    rows.push([
      request === "get" ? "allowed GET" : "allowed preflight",
      app,
      `${fmt(v.path)} (${all[`${app} ${request}`]!.map((r) => fmt(r.path)).join(" / ")})`,
      vs(v.path, plain?.path),
      `${fmt(v.total)} (${all[`${app} ${request}`]!.map((r) => fmt(r.total)).join(" / ")})`,
      vs(v.total, plain?.total),
    ]);
  }
}
printTable(["request", "app", "request path / request: least (each round)", "vs no CORS (no-CORS / this ≈ throughput ratio)", "whole process / request", "vs no CORS"], rows);
child.kill("SIGTERM");
process.exit(0);
