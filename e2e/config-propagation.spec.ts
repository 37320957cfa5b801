import { expect, test } from "@playwright/test";
import { postgresAdminUrl } from "./support/postgres-suite";
import pg from "pg";
import { publishOnDatabase as publishOn } from "./support/publish-on-database";
import { startServer, waitHealthy, type ServerProcess } from "./support/server-process";

/**
 * The config API across real instances: two production servers on one
 * PostgreSQL database. A version published on the database reaches
 * long-poll and SSE subscribers of BOTH instances within a second (one
 * LISTEN connection per process, fanned out in memory), both serve the same
 * bytes (same ETag), and a token revoked through one instance stops working
 * on the other at once. Runs in the "postgres" project when TEST_DATABASE_URL
 * is set.
 */
const adminUrl = postgresAdminUrl();

const ADMIN_TOKEN = "cb_e2e-propagation-admin-token-0123456789";
const CLIENT_TOKEN = "cb_e2e-propagation-client-token-0123456789";
const CONFIG = "/api/v1/config/storefront-api/dev";

let dbName = "";
let dbUrl = "";
const servers: ServerProcess[] = [];
let a: ServerProcess;
let b: ServerProcess;

test.beforeEach(async () => {
  test.setTimeout(180_000);
  dbName = `corsboard_e2e_cfg_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(adminUrl!);
  url.pathname = `/${dbName}`;
  dbUrl = url.toString();
  // Both get the demo project (storefront-api, version 1 everywhere) and the same tokens.
  const env = { DATABASE_URL: dbUrl, CORSBOARD_INIT_ADMIN_TOKEN: ADMIN_TOKEN, CORSBOARD_INIT_CLIENT_TOKENS: `storefront-api:dev:${CLIENT_TOKEN}` };
  a = startServer(3221, env);
  b = startServer(3222, env);
  servers.push(a, b);
  await Promise.all([waitHealthy(a), waitHealthy(b)]);
});

test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  if (!dbName) return;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
});

const auth = (token = CLIENT_TOKEN) => ({ authorization: `Bearer ${token}` });
const publishOnDatabase = (origins: string[]) => publishOn(dbUrl, origins);

/** A subscriber of the SSE stream: the time each event arrived. */
function subscribe(server: ServerProcess) {
  const abort = new AbortController();
  const events: { id: string; version: number; at: number }[] = [];
  let connected!: () => void;
  const open = new Promise<void>((resolve) => (connected = resolve));
  void (async () => {
    const res = await fetch(`${server.url}${CONFIG}/stream`, { headers: { ...auth(), "last-event-id": "1" }, signal: abort.signal });
    expect(res.status).toBe(200);
    connected();
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = /^id: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (id && data) events.push({ id, version: (JSON.parse(data) as { version: number }).version, at: Date.now() });
      }
    }
  })().catch(() => {});
  return { events, open, close: () => abort.abort() };
}

test("a version published on the database reaches long-poll and SSE subscribers of both instances within a second", async () => {
  // Warm both caches, and check both instances serve the same bytes.
  const [ra, rb] = await Promise.all([fetch(`${a.url}${CONFIG}`, { headers: auth() }), fetch(`${b.url}${CONFIG}`, { headers: auth() })]);
  expect(ra.status).toBe(200);
  expect(rb.status).toBe(200);
  expect(rb.headers.get("etag")).toBe(ra.headers.get("etag"));
  expect(((await rb.json()) as { version: number }).version).toBe(1);

  const sseA = subscribe(a);
  const sseB = subscribe(b);
  await Promise.all([sseA.open, sseB.open]);
  const pollB = fetch(`${b.url}${CONFIG}?waitForChange=1&timeout=30`, { headers: auth() }).then(async (res) => ({ res, at: Date.now() }));
  const pollA = fetch(`${a.url}${CONFIG}?waitForChange=1&timeout=30`, { headers: auth() }).then(async (res) => ({ res, at: Date.now() }));
  await new Promise((r) => setTimeout(r, 500)); // the long-polls are waiting

  const { version, committedAt } = await publishOnDatabase(["https://www.storefront.example", "https://e2e.storefront.example"]);
  expect(version).toBe(2);
  for (const poll of [pollA, pollB]) {
    const { res, at } = await poll;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { version: number }).version).toBe(2);
    expect(at - committedAt).toBeLessThan(1_000);
  }
  await expect.poll(() => sseA.events.length + sseB.events.length, { timeout: 5_000 }).toBe(2);
  for (const event of [...sseA.events, ...sseB.events]) {
    expect(event).toMatchObject({ id: "2", version: 2 });
    expect(event.at - committedAt).toBeLessThan(1_000);
  }
  sseA.close();
  sseB.close();

  // Plain fetches on both now serve version 2, with the same ETag; 304 across instances.
  const [na, nb] = await Promise.all([fetch(`${a.url}${CONFIG}`, { headers: auth() }), fetch(`${b.url}${CONFIG}`, { headers: auth() })]);
  expect(na.headers.get("x-corsboard-version")).toBe("2");
  expect(nb.headers.get("etag")).toBe(na.headers.get("etag"));
  const notModified = await fetch(`${b.url}${CONFIG}`, { headers: { ...auth(), "if-none-match": na.headers.get("etag")! } });
  expect(notModified.status).toBe(304);
});

test("a token revoked through one instance stops working on the other at once", async () => {
  expect((await fetch(`${b.url}${CONFIG}`, { headers: auth() })).status).toBe(200); // cached on B now
  const tokens = (await (await fetch(`${a.url}/api/v1/tokens`, { headers: auth(ADMIN_TOKEN) })).json()) as { tokens: { id: string; name: string; revokedAt: string | null }[] };
  const client = tokens.tokens.find((t) => t.name === "init-client-token" && !t.revokedAt)!;
  const revoked = await fetch(`${a.url}/api/v1/tokens/${client.id}`, { method: "DELETE", headers: auth(ADMIN_TOKEN) });
  expect(revoked.status).toBe(200);
  const t0 = Date.now();
  await expect.poll(async () => (await fetch(`${b.url}${CONFIG}`, { headers: auth() })).status, { timeout: 5_000, intervals: [20] }).toBe(401);
  expect(Date.now() - t0).toBeLessThan(1_000);
});

// Enable once the publish operation calls notifyPolicyPublished (lib/server/publishing/publish-content.ts).
test("a publish through instance A's API reaches a subscriber on instance B within a second", async () => {
  const sseB = subscribe(b);
  await sseB.open;
  const pollB = fetch(`${b.url}${CONFIG}?waitForChange=1&timeout=30`, { headers: auth() }).then((res) => ({ res, at: Date.now() }));
  const added = await fetch(`${a.url}/api/v1/projects/storefront-api/environments/dev/draft/origins`, {
    method: "POST",
    headers: { ...auth(ADMIN_TOKEN), "content-type": "application/json" },
    body: JSON.stringify({ origins: [{ value: "https://via-api.storefront.example" }] }),
  });
  expect(added.status, await added.clone().text()).toBe(200);
  const { revision } = (await added.json()) as { revision: number };
  const published = await fetch(`${a.url}/api/v1/projects/storefront-api/environments/dev/publish`, {
    method: "POST",
    headers: { ...auth(ADMIN_TOKEN), "content-type": "application/json" },
    body: JSON.stringify({ revision, message: "e2e: config propagation" }),
  });
  expect(published.status, await published.clone().text()).toBe(201);
  const publishedAt = Date.now();
  const { res, at } = await pollB;
  expect(res.status).toBe(200);
  expect(((await res.json()) as { version: number }).version).toBe(2);
  expect(at - publishedAt).toBeLessThan(1_000);
  await expect.poll(() => sseB.events.map((e) => e.id), { timeout: 5_000 }).toEqual(["2"]);
  expect(sseB.events[0]!.at - publishedAt).toBeLessThan(1_000);
  sseB.close();
});
