import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { createCorsboardClient, type CorsboardClient } from "../lib/sdk";
import { postgresAdminUrl } from "./support/postgres-suite";
import { publishOnDatabase } from "./support/publish-on-database";
import { startServer, waitHealthy, type ServerProcess } from "./support/server-process";

/**
 * Clean restarts of the production server (scripts/server.mjs) with clients
 * connected: on SIGTERM it ends every SSE stream and long-poll at once, closes
 * the database (the embedded data directory's lock is released) and exits
 * within CORSBOARD_SHUTDOWN_TIMEOUT_MS even with 1,000 open streams; SDK
 * clients behind a load balancer reconnect to the other instance at once.
 * The second test needs PostgreSQL (TEST_DATABASE_URL), the first doesn't.
 */
const ADMIN_TOKEN = "cb_e2e-shutdown-admin-token-0123456789";
const CLIENT_TOKEN = "cb_e2e-shutdown-client-token-0123456789";
const METRICS_TOKEN = "e2e-shutdown-metrics-token-0123456789";
const SHUTDOWN_TIMEOUT_MS = 5_000;
const RAW_STREAMS = 1_000;
const PROJECT = "storefront-api";
const ENVIRONMENT = "dev";
const env = {
  CORSBOARD_INIT_ADMIN_TOKEN: ADMIN_TOKEN,
  CORSBOARD_INIT_CLIENT_TOKENS: `${PROJECT}:${ENVIRONMENT}:${CLIENT_TOKEN}`,
  CORSBOARD_METRICS_TOKEN: METRICS_TOKEN,
  CORSBOARD_SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
};
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const cleanups: (() => Promise<void> | void)[] = [];

test.afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

test.setTimeout(240_000);

/** Light SSE clients on raw sockets: resolves once all got their 200; `ended` counts streams the server closed. */
async function rawStreams(port: number, n: number): Promise<{ ended: () => number; destroy: () => void }> {
  let ended = 0;
  const sockets: net.Socket[] = [];
  const request = `GET /api/v1/config/${PROJECT}/${ENVIRONMENT}/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${CLIENT_TOKEN}\r\nAccept: text/event-stream\r\n\r\n`;
  const open = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1", () => socket.write(request));
      sockets.push(socket);
      let head = "";
      socket.setEncoding("utf8");
      socket.on("data", (chunk: string) => {
        if (!head.includes("\r\n\r\n")) {
          head += chunk;
          if (!head.includes("\r\n\r\n")) return;
          if (head.startsWith("HTTP/1.1 200")) resolve();
          else reject(new Error(head.split("\r\n")[0]));
        }
      });
      socket.on("error", () => {});
      socket.on("close", () => ended++);
    });
  for (let i = 0; i < n; i += 100) await Promise.all(Array.from({ length: Math.min(100, n - i) }, open));
  return { ended: () => ended, destroy: () => sockets.forEach((s) => s.destroy()) };
}

async function gauge(server: ServerProcess, name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  return Number(new RegExp(`^${name} (\\d+)`, "m").exec(text)?.[1] ?? NaN);
}

/** SIGTERM; resolves with the exit code and how long the process took to exit. */
function terminate(server: ServerProcess): Promise<{ code: number | null; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    server.child.once("exit", (code) => resolve({ code, ms: Date.now() - t0 }));
    server.child.kill("SIGTERM");
  });
}

function sdkClient(url: string, refresh: "sse" | "long-poll"): CorsboardClient {
  const client = createCorsboardClient({ url, token: CLIENT_TOKEN, project: PROJECT, environment: ENVIRONMENT, refresh, pollIntervalMs: 30_000, instance: `e2e-${refresh}`, logger: quiet });
  cleanups.push(() => client.close());
  return client;
}

function track(server: ServerProcess) {
  cleanups.push(() => server.stop());
  return server;
}

test("embedded: SIGTERM with 1,000 open streams and SDK clients exits within the timeout and releases the data directory", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corsboard-e2e-shutdown-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const dataDir = path.join(dir, "data");
  const a = track(startServer(3231, { ...env, CORSBOARD_DATA_DIR: dataDir }));
  await waitHealthy(a);
  const clients = [sdkClient(a.url, "sse"), sdkClient(a.url, "long-poll")];
  await Promise.all(clients.map((c) => c.ready));
  const raw = await rawStreams(3231, RAW_STREAMS);
  cleanups.push(() => raw.destroy());
  await expect.poll(() => gauge(a, "corsboard_config_open_streams")).toBe(RAW_STREAMS + 1);
  expect(fs.existsSync(`${dataDir}.lock`)).toBe(true);

  const { code, ms } = await terminate(a);
  expect(code, a.output()).toBe(0);
  expect(ms).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
  expect(raw.ended()).toBe(RAW_STREAMS);
  expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);

  // A new start on the same data directory works, and the SDK clients find it.
  const b = track(startServer(3231, { ...env, CORSBOARD_DATA_DIR: dataDir }));
  await waitHealthy(b);
  await expect.poll(() => gauge(b, "corsboard_config_open_streams"), { timeout: 30_000 }).toBe(1);
});

/** A TCP load balancer with failover: each connection goes to the first upstream that accepts it. */
async function failoverProxy(ports: number[]): Promise<{ port: number; connections: { port: number; at: number }[] }> {
  const connections: { port: number; at: number }[] = [];
  const server = net.createServer((client) => {
    client.on("error", () => {});
    const attempt = (i: number) => {
      if (i >= ports.length) return void client.destroy();
      const upstream = net.connect(ports[i] as number, "127.0.0.1");
      upstream.once("connect", () => {
        connections.push({ port: ports[i] as number, at: Date.now() });
        client.pipe(upstream).pipe(client);
        upstream.on("close", () => client.destroy());
        client.on("close", () => upstream.destroy());
      });
      upstream.once("error", () => (upstream.readyState === "open" ? client.destroy() : attempt(i + 1)));
    };
    attempt(0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.address() as net.AddressInfo).port, connections };
}

test("PostgreSQL: SDK clients of a stopped instance reconnect to the other one at once and follow the next publish", async () => {
  const adminUrl = postgresAdminUrl() as string;
  const dbName = `corsboard_e2e_shutdown_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await c.end();
  });
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const dbUrl = url.toString();
  const a = track(startServer(3232, { ...env, DATABASE_URL: dbUrl }));
  await waitHealthy(a);
  const b = track(startServer(3233, { ...env, DATABASE_URL: dbUrl }));
  await waitHealthy(b);
  const lb = await failoverProxy([3232, 3233]);
  const clients = [sdkClient(`http://127.0.0.1:${lb.port}`, "sse"), sdkClient(`http://127.0.0.1:${lb.port}`, "long-poll")];
  await Promise.all(clients.map((c) => c.ready));
  const raw = await rawStreams(3232, RAW_STREAMS);
  cleanups.push(() => raw.destroy());
  await expect.poll(() => gauge(a, "corsboard_config_open_streams")).toBe(RAW_STREAMS + 1);
  await expect.poll(() => gauge(a, "corsboard_config_open_long_polls")).toBe(1);
  expect(lb.connections.every((c) => c.port === 3232)).toBe(true);

  const { code, ms } = await terminate(a);
  const stoppedAt = Date.now();
  expect(code, a.output()).toBe(0);
  expect(ms).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
  expect(raw.ended()).toBe(RAW_STREAMS);
  // Both clients are on B well within the SSE retry interval (3 s): the stream and the long-poll.
  const onB = () => Promise.all([gauge(b, "corsboard_config_open_streams"), gauge(b, "corsboard_config_open_long_polls")]);
  await expect.poll(onB, { timeout: 3_000, intervals: [50] }).toEqual([1, 1]);
  expect(Date.now() - stoppedAt).toBeLessThan(3_000);

  const { version, committedAt } = await publishOnDatabase(dbUrl, ["https://www.storefront.example", "https://after-restart.storefront.example"]);
  await expect.poll(() => clients.map((c) => c.status().version), { timeout: 2_000, intervals: [20] }).toEqual([version, version]);
  expect(Date.now() - committedAt).toBeLessThan(2_000);
});
