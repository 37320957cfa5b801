#!/usr/bin/env node
// The production server (`npm start` runs it after building): node:http with
// Corsboard's fast path ahead of Next — the config API (GET, long-poll, SSE)
// and /metrics answered on node's own req/res — and every other request
// handed to Next's request handler. The fast path is built inside Next's
// bundle and published by instrumentation.ts once the database is ready, so
// the process has one copy of the runtime and of the database.
//
// SIGTERM/SIGINT: stop accepting, end every SSE stream and long-poll at once
// (clients reconnect to another instance), let in-flight requests finish,
// write pending usage, close the database (releasing the embedded data
// directory's lock), exit — within CORSBOARD_SHUTDOWN_TIMEOUT_MS (10 s).
//
// Honours PORT (3000) and HOSTNAME (all interfaces when unset).
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || undefined;
const FAST_PATH = Symbol.for("corsboard.fastPath");
const WAITER = Symbol.for("corsboard.fastPath.waiter");

const fastPathReady = new Promise((resolve) => {
  globalThis[WAITER] = resolve;
  if (globalThis[FAST_PATH]) resolve(globalThis[FAST_PATH]);
});

const app = next({ dev: false, dir: root, hostname: hostname ?? "localhost", port });
await app.prepare();
const handleNext = app.getRequestHandler();
// instrumentation.ts runs as Next prepares its server; wait for it to publish the fast path.
const fastPath = await fastPathReady;

const server = http.createServer((req, res) => {
  if (fastPath.handle(req, res)) return;
  // Routes learn the client's address only from the edge's private headers.
  fastPath.stampClientAddress(req);
  handleNext(req, res);
});
// Long enough for a load balancer's keep-alive (it must be the one to close idle connections first).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
await listen(server, port, hostname);
console.log(`Corsboard: ready on http://${hostname ?? "localhost"}:${server.address().port} (pid ${process.pid})`);

let metricsServer = null;
if (fastPath.metricsPort) {
  metricsServer = http.createServer((req, res) => fastPath.handleMetrics(req, res));
  await listen(metricsServer, fastPath.metricsPort, hostname);
  console.log(`Corsboard: metrics on http://${hostname ?? "localhost"}:${fastPath.metricsPort}/metrics`);
}

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void shutdown(signal);
  });
}

async function shutdown(signal) {
  const timeoutMs = fastPath.shutdownTimeoutMs;
  const started = Date.now();
  console.log(`Corsboard: ${signal} received, shutting down (at most ${timeoutMs} ms)…`);
  const force = setTimeout(() => {
    console.error(`Corsboard: shutdown took longer than ${timeoutMs} ms (CORSBOARD_SHUTDOWN_TIMEOUT_MS); exiting anyway.`);
    process.exit(1);
  }, timeoutMs);
  force.unref();

  // No new connections; streams and long-polls end now; idle keep-alive sockets close.
  const closed = new Promise((resolve) => server.close(resolve));
  metricsServer?.close();
  fastPath.drain();
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  // In-flight requests get most of the budget to finish; the rest is for the database.
  const grace = new Promise((resolve) => setTimeout(resolve, Math.max(0, timeoutMs * 0.6)).unref());
  await Promise.race([closed, grace]);
  clearInterval(sweep);
  server.closeAllConnections();
  metricsServer?.closeAllConnections();
  try {
    await fastPath.shutdown();
    await app.close().catch(() => {});
  } catch (error) {
    console.error(`Corsboard: error while shutting down: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  console.log(`Corsboard: stopped in ${Date.now() - started} ms.`);
  process.exit(0);
}

function listen(srv, p, host) {
  return new Promise((resolve, reject) => {
    srv.once("error", reject);
    srv.listen(p, host, () => {
      srv.off("error", reject);
      resolve();
    });
  });
}
