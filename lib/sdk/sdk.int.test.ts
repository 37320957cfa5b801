import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
/* eslint-disable no-restricted-imports -- the test runs a real Corsboard (server code); the SDK itself stays free of it */
import { useTestBackend } from "@/lib/server/test-support/test-backend";
import { tempDir } from "@/lib/server/db/test-support/migration-fixtures";
import { runTsx, type TsxChild } from "@/lib/server/db/test-support/run-tsx";
import { createProjectFixture, createTokenFixture, publishVersion, type PolicyFixture } from "@/lib/server/config/test-support/config-fixtures";
import { startRouteServer, type RouteServer } from "@/lib/server/config/test-support/route-server";
/* eslint-enable no-restricted-imports */
import { createCorsboardClient, handle } from "@/lib/sdk";
import { quietLogger } from "@/lib/sdk/test-support/documents";

// The SDK against a real Corsboard (the config API's route handlers over
// HTTP, on a real embedded database), and the example Express service
// (e2e/services/example-service.ts) as a real child process: startup with
// Corsboard down (last-known-good file, or deny), corrupted files, live
// updates over SSE and long-poll, ETag polling, refusing an invalid policy,
// observed origins. Nothing of the core is mocked. Every test has its own
// project, token, first version and last-known-good file (beforeEach): each
// runs alone, in any order; the Corsboard server is shared, and a test that
// takes it down has it back up afterwards.

const load = async () => ({
  routes: {
    config: await import("@/app/api/v1/config/[project]/[environment]/route"),
    stream: await import("@/app/api/v1/config/[project]/[environment]/stream/route"),
    observed: await import("@/app/api/v1/config/[project]/[environment]/observed/route"),
  },
  observedGet: await import("@/app/api/v1/projects/[project]/environments/[environment]/observed/route"),
  ...(await import("@/lib/server/config/notify-policy-published")),
  ...(await import("@/lib/server/config/config-runtime")),
  ...(await import("@/lib/server/tokens/token-secret")),
});

const APP = "https://app.shop.example";
const NEW = "https://new.shop.example";
const EVIL = "https://evil.example";

interface Service {
  url: string;
  child: TsxChild;
  stop(): Promise<void>;
}

describe("SDK and example service against a real Corsboard", () => {
  const t = useTestBackend("embedded", load);
  const tmp = tempDir("sdk");
  const services: Service[] = [];
  let corsboard: RouteServer;
  let corsboardDown = false;
  let prisma: typeof import("@/lib/server/db/client")["prisma"];
  let runs = 0;
  /** This test's project (a fresh slug per test), its dev token, its own directory and last-known-good file, and the version dev starts at. */
  let shop: string;
  let ids: { projectId: string; env: Record<string, string> };
  let token: { id: string; secret: string };
  let dir: string;
  let fallback: string;
  let first: number;

  const publish = (policy: PolicyFixture, env = "dev") => publishVersion(prisma, t.m.notifyPolicyPublished, ids.env[env]!, policy);
  const stopCorsboard = async () => {
    corsboardDown = true;
    await corsboard.stop();
  };
  const restartCorsboard = async () => {
    await corsboard.restart();
    corsboardDown = false;
  };
  /** The last-known-good file of the version now published, written by the SDK itself (as a service would). */
  async function writeGoodFallback(file: string): Promise<number> {
    const { logger } = quietLogger();
    const client = createCorsboardClient({ url: corsboard.url, token: token.secret, project: shop, environment: "dev", refresh: "poll", pollIntervalMs: 60_000, fallbackFile: file, logger });
    try {
      const version = (await client.ready).version!;
      await expect.poll(() => fs.existsSync(file) && JSON.parse(fs.readFileSync(file, "utf8")).document.version).toBe(version);
      return version;
    } finally {
      await client.close();
    }
  }
  const policy = (...origins: string[]): PolicyFixture => ({ origins, allowedMethods: ["PUT"], allowedHeaders: ["authorization", "content-type"], exposedHeaders: ["x-request-id"], maxAgeSeconds: 60 });

  async function startService(env: Record<string, string>): Promise<Service> {
    const child = runTsx("e2e/services/example-service.ts", [], {
      PORT: "0",
      CORSBOARD_URL: corsboard.url,
      CORSBOARD_TOKEN: token.secret,
      CORSBOARD_PROJECT: shop,
      CORSBOARD_ENVIRONMENT: "dev",
      CORSBOARD_FALLBACK_FILE: fallback,
      CORSBOARD_STARTUP_ATTEMPTS: "2",
      CORSBOARD_POLL_MS: "1000",
      CORSBOARD_SDK_LOG_LEVEL: "debug",
      ...env,
    });
    await child.waitFor("LISTENING", 60_000);
    const port = /LISTENING (\d+)/.exec(child.output())![1];
    const service: Service = {
      url: `http://127.0.0.1:${port}`,
      child,
      async stop() {
        if (child.child.exitCode === null) child.child.kill("SIGTERM");
        await child.exited;
      },
    };
    services.push(service);
    return service;
  }

  const preflight = (service: Service, origin: string, method = "PUT") =>
    fetch(`${service.url}/api/orders`, { method: "OPTIONS", headers: { origin, "access-control-request-method": method, "access-control-request-headers": "authorization" } });
  const authed = { authorization: "Bearer service-secret" };
  const status = async (service: Service) => (await (await fetch(`${service.url}/corsboard/status`)).json()) as { version: number | null; source: string; live: boolean };

  afterEach(async () => {
    await Promise.all(services.splice(0).map((s) => s.stop()));
    if (corsboardDown) await restartCorsboard();
  });

  afterAll(async () => {
    await corsboard?.stop().catch(() => {});
    await t.m.stopConfigRuntime();
    tmp.cleanup();
  });

  beforeAll(async () => {
    prisma = t.app.client.prisma;
    corsboard = await startRouteServer(t.m.routes);
  });

  beforeEach(async () => {
    runs++;
    shop = `shop-${runs}`;
    ids = await createProjectFixture(prisma, shop, ["dev", "prod"]);
    token = await createTokenFixture(prisma, t.m.hashTokenSecret, "config_read", { projectId: ids.projectId, environmentId: ids.env.dev! });
    first = await publish(policy(APP));
    dir = path.join(tmp.dir, shop);
    fallback = path.join(dir, "state", "cors-policy.json");
  });

  it("the service fetches its policy at startup; preflights are answered before auth; rejected origins get no CORS headers", async () => {
    const s = await startService({});
    expect(await status(s)).toMatchObject({ version: first, source: "server" });

    const ok = await preflight(s, APP);
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe(APP);
    expect(ok.headers.get("access-control-allow-methods")).toContain("PUT");
    expect(ok.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(ok.headers.get("access-control-max-age")).toBe("60");

    const actual = await fetch(`${s.url}/api/orders`, { headers: { origin: APP, ...authed } });
    expect(actual.status).toBe(200);
    expect(actual.headers.get("access-control-allow-origin")).toBe(APP);
    expect(actual.headers.get("access-control-expose-headers")).toBe("x-request-id");
    expect(actual.headers.get("vary")).toMatch(/Origin/);
    // The 401 of the auth middleware is readable cross-origin: CORS ran first.
    const unauthenticated = await fetch(`${s.url}/api/orders`, { headers: { origin: APP } });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get("access-control-allow-origin")).toBe(APP);

    const evil = await preflight(s, EVIL);
    expect(evil.status).toBe(403);
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    expect(evil.headers.get("vary")).toContain("Origin");
    const evilActual = await fetch(`${s.url}/api/orders`, { headers: { origin: EVIL, ...authed } });
    expect(evilActual.status).toBe(200); // the browser, not the server, blocks it: no CORS headers
    expect(evilActual.headers.get("access-control-allow-origin")).toBeNull();
    await s.child.waitFor(`warn CORS: refused a preflight from ${EVIL}: origin ${EVIL} is not in the allowlist: add it in Corsboard → ${shop}/dev → Allowed origins`, 5_000);

    const noOrigin = await fetch(`${s.url}/api/orders`, { headers: authed });
    expect(noOrigin.status).toBe(200);
    expect(noOrigin.headers.get("access-control-allow-origin")).toBeNull();

    // The last-known-good file was written, atomically (no temp file left).
    await expect.poll(() => fs.existsSync(fallback)).toBe(true);
    expect(JSON.parse(fs.readFileSync(fallback, "utf8")).document.version).toBe(first);
    expect(fs.readdirSync(path.dirname(fallback))).toEqual(["cors-policy.json"]);
  });

  it("follows a publish over SSE within a second, and rewrites the file", async () => {
    const s = await startService({});
    await expect.poll(async () => (await status(s)).live).toBe(true);
    expect((await preflight(s, NEW)).status).toBe(403);
    const t0 = Date.now();
    await publish(policy(APP, NEW));
    await expect.poll(async () => (await preflight(s, NEW)).status, { timeout: 5_000, interval: 25 }).toBe(204);
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(await status(s)).toMatchObject({ version: first + 1, source: "server" });
    await expect.poll(() => JSON.parse(fs.readFileSync(fallback, "utf8")).document.version).toBe(first + 1);
    await s.stop();
  });

  it("Corsboard down at start: the service runs on its last-known-good file, and catches up when Corsboard is back", async () => {
    await publish(policy(APP, NEW));
    const saved = await writeGoodFallback(fallback);
    expect(saved).toBe(first + 1);
    await stopCorsboard();
    const s = await startService({});
    await s.child.waitFor("running on the last-known-good file", 5_000);
    expect(await status(s)).toMatchObject({ version: saved, source: "fallback-file" });
    expect((await preflight(s, NEW)).status).toBe(204);
    expect((await preflight(s, EVIL)).status).toBe(403);

    await publish(policy(APP, NEW, "https://third.shop.example"));
    await restartCorsboard();
    await expect.poll(async () => (await status(s)).source, { timeout: 15_000 }).toBe("server");
    expect((await status(s)).version).toBe(saved + 1);
    expect((await preflight(s, "https://third.shop.example")).status).toBe(204);
    await s.stop();
  });

  it("Corsboard down and no file: cross-origin denied (loudly); same-origin and no-Origin requests still work", async () => {
    await stopCorsboard();
    const s = await startService({ CORSBOARD_FALLBACK_FILE: "" });
    await s.child.waitFor("error Corsboard unreachable at startup", 5_000);
    expect(s.child.output()).toContain("DENYING every cross-origin request");
    expect(await status(s)).toMatchObject({ version: null, source: "none" });

    const pre = await preflight(s, APP);
    expect(pre.status).toBe(403);
    expect(pre.headers.get("access-control-allow-origin")).toBeNull();
    const cross = await fetch(`${s.url}/api/orders`, { headers: { origin: APP, ...authed } });
    expect(cross.headers.get("access-control-allow-origin")).toBeNull();
    // A same-origin POST carries the service's own Origin: it runs, no CORS headers needed.
    const same = await fetch(`${s.url}/api/orders`, { method: "POST", headers: { origin: s.url, "content-type": "application/json", ...authed }, body: JSON.stringify({ item: "cup" }) });
    expect(same.status).toBe(201);
    expect(same.headers.get("access-control-allow-origin")).toBeNull();
    const none = await fetch(`${s.url}/api/orders`, { headers: authed });
    expect(none.status).toBe(200);
    expect(none.headers.get("access-control-allow-origin")).toBeNull();
    expect(s.child.output()).not.toMatch(/access-control-allow-origin: \*/i);
    await s.stop();
  });

  it("a corrupted or tampered file is ignored with a log line", async () => {
    expect(await writeGoodFallback(fallback)).toBe(first);
    await stopCorsboard();
    const corrupted = path.join(dir, "corrupted.json");
    fs.writeFileSync(corrupted, '{"format":"corsboard-fallback/1","document":{"proj');
    const s1 = await startService({ CORSBOARD_FALLBACK_FILE: corrupted });
    await s1.child.waitFor(`warn Corsboard: ignoring the last-known-good file ${corrupted}: not valid JSON`, 5_000);
    expect(await status(s1)).toMatchObject({ source: "none" });
    expect((await preflight(s1, APP)).status).toBe(403);
    await s1.stop();

    const tampered = path.join(dir, "tampered.json");
    const good = JSON.parse(fs.readFileSync(fallback, "utf8"));
    good.document.policy.origins.push({ value: EVIL, expiresAt: null });
    fs.writeFileSync(tampered, JSON.stringify(good));
    const s2 = await startService({ CORSBOARD_FALLBACK_FILE: tampered });
    await s2.child.waitFor("does not match its contentHash", 5_000);
    expect((await preflight(s2, EVIL)).status).toBe(403);
    expect((await preflight(s2, APP)).status).toBe(403);
    await s2.stop();

    const otherEnv = path.join(dir, "other-env.json");
    const wrong = JSON.parse(fs.readFileSync(fallback, "utf8"));
    wrong.document.environment = "prod";
    fs.writeFileSync(otherEnv, JSON.stringify(wrong));
    const s3 = await startService({ CORSBOARD_FALLBACK_FILE: otherEnv });
    await s3.child.waitFor(`it is the policy of ${shop}/prod, not ${shop}/dev`, 5_000);
    await s3.stop();

    // With Corsboard up, the corrupted file is replaced by a good one.
    await restartCorsboard();
    const s4 = await startService({ CORSBOARD_FALLBACK_FILE: corrupted });
    expect(await status(s4)).toMatchObject({ source: "server", version: first });
    await expect.poll(() => JSON.parse(fs.readFileSync(corrupted, "utf8")).document.version).toBe(first);
    await s4.stop();
  });

  it("long-poll: a publish arrives at once; ETag polling gets 304s", async () => {
    const { logger } = quietLogger();
    const longPoll = createCorsboardClient({ url: corsboard.url, token: token.secret, project: shop, environment: "dev", refresh: "long-poll", logger });
    const poll = createCorsboardClient({ url: corsboard.url, token: token.secret, project: shop, environment: "dev", refresh: "poll", pollIntervalMs: 100, logger });
    try {
      await Promise.all([longPoll.ready, poll.ready]);
      expect(longPoll.status()).toMatchObject({ version: first, source: "server" });
      await expect.poll(() => longPoll.status().live).toBe(true);
      const before = corsboard.statuses.length;
      await expect.poll(() => corsboard.statuses.slice(before).filter((s) => s === 304).length).toBeGreaterThanOrEqual(3);
      expect(corsboard.statuses.slice(before)).not.toContain(200);
      const polledAt = poll.status().lastSuccessfulFetchAt!.getTime();
      expect(Date.now() - polledAt).toBeLessThan(500);

      const t0 = Date.now();
      await publish(policy(APP, NEW, "https://lp.shop.example"));
      await expect.poll(() => longPoll.status().version, { interval: 10 }).toBe(first + 1);
      expect(Date.now() - t0).toBeLessThan(1_000);
      await expect.poll(() => poll.status().version).toBe(first + 1);
      expect(handle(longPoll, { method: "OPTIONS", headers: { origin: "https://lp.shop.example", "access-control-request-method": "PUT" } }).status).toBe(204);
    } finally {
      await Promise.all([longPoll.close(), poll.close()]);
    }
  });

  it("an invalid policy is refused and the previous one kept", async () => {
    const { lines, logger } = quietLogger();
    const client = createCorsboardClient({ url: corsboard.url, token: token.secret, project: shop, environment: "dev", logger });
    try {
      await client.ready;
      await expect.poll(() => client.status().live).toBe(true);
      const version = client.status().version!;
      // The core refuses a wildcard over a public suffix (a stored policy from before a core update, say).
      await publish({ origins: ["https://*.com"] });
      await expect.poll(() => lines.some((l) => l.startsWith(`error Corsboard: refused policy version ${version + 1}`))).toBe(true);
      expect(lines.find((l) => l.includes("refused policy"))).toContain("public suffix");
      expect(client.status().version).toBe(version);
      expect(client.status().lastError?.message).toContain("refused");
      expect(handle(client, { method: "OPTIONS", headers: { origin: "https://anything.com", "access-control-request-method": "PUT" } }).status).toBe(403);
      expect(handle(client, { method: "OPTIONS", headers: { origin: APP, "access-control-request-method": "PUT" } }).status).toBe(204);
      // The next valid version is taken.
      await publish(policy(APP));
      await expect.poll(() => client.status().version).toBe(version + 2);
    } finally {
      await client.close();
    }
  });

  it("startup retries with backoff before giving up on the server", async () => {
    const { lines, logger } = quietLogger();
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      calls++;
      if (calls <= 2) throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
      return fetch(input, init);
    };
    const client = createCorsboardClient({ url: corsboard.url, token: token.secret, project: shop, environment: "dev", refresh: "poll", pollIntervalMs: 60_000, fetch: flaky, logger, startup: { attempts: 4, backoffMs: 50 } });
    try {
      expect((await client.ready).source).toBe("server");
      expect(lines.filter((l) => l.startsWith("warn Corsboard: startup fetch")).length).toBe(2);
      expect(lines.join("\n")).toContain("ECONNREFUSED");
    } finally {
      await client.close();
    }
    // A wrong token is not retried: it won't get better.
    const wrong = quietLogger();
    const denied = createCorsboardClient({ url: corsboard.url, token: "cb_wrong-token-wrong-token-000", project: shop, environment: "dev", logger: wrong.logger, refresh: "poll", pollIntervalMs: 60_000 });
    expect(await denied.ready).toMatchObject({ source: "none" });
    expect(wrong.lines.join("\n")).toContain("HTTP 401");
    await denied.close();
  });

  it("observed origins are aggregated and reported in batches", async () => {
    const { logger } = quietLogger();
    const client = createCorsboardClient({ url: corsboard.url, token: token.secret, project: shop, environment: "dev", refresh: "poll", pollIntervalMs: 60_000, logger, reportObservedOrigins: { intervalMs: 200 } });
    try {
      await client.ready;
      for (let i = 0; i < 5; i++) handle(client, { method: "GET", headers: { origin: APP } });
      for (let i = 0; i < 3; i++) handle(client, { method: "GET", headers: { origin: EVIL } });
      for (let i = 0; i < 4; i++) handle(client, { method: "OPTIONS", headers: { origin: APP, "access-control-request-method": "DELETE" } });
      handle(client, { method: "GET", headers: {} });
      const admin = await createTokenFixture(prisma, t.m.hashTokenSecret, "admin");
      const list = async () => {
        const res = await (t.m.observedGet.GET as (r: Request, c: unknown) => Promise<Response>)(
          new Request(`http://x/api/v1/projects/${shop}/environments/dev/observed`, { headers: { authorization: `Bearer ${admin.secret}` } }),
          { params: Promise.resolve({ project: shop, environment: "dev" }) },
        );
        return ((await res.json()) as { origins: { origin: string; allowedCount: number; rejectedCount: number; lastRefusal: unknown }[] }).origins;
      };
      await expect.poll(async () => (await list()).length, { timeout: 5_000 }).toBe(2);
      const origins = await list();
      // The reason goes with the counts: the dashboard shows it by the setting that fixes it.
      expect(origins.find((o) => o.origin === APP)).toMatchObject({ allowedCount: 5, rejectedCount: 4, lastRefusal: { kind: "method", detail: "DELETE" } });
      expect(origins.find((o) => o.origin === EVIL)).toMatchObject({ allowedCount: 0, rejectedCount: 3, lastRefusal: { kind: "origin", detail: "" } });
    } finally {
      await client.close();
    }
  });

  it("the built @corsboard/sdk loads in plain Node, as ESM and as CommonJS (no TypeScript loader)", async () => {
    // Asynchronously: this process serves Corsboard to the child.
    const { execFile } = await import("node:child_process");
    const { promisify } = await import("node:util");
    const { packPackages } = await import("@/scripts/pack-packages.mjs");
    const run = promisify(execFile);
    const { dirs } = await packPackages();
    const body = (load: string) => `const sdk = ${load};
         const c = sdk.createCorsboardClient({ url: ${JSON.stringify(corsboard.url)}, token: ${JSON.stringify(token.secret)}, project: ${JSON.stringify(shop)}, environment: "dev", refresh: "poll", logger: { debug() {}, info() {}, warn() {}, error() {} } });
         const s = await c.ready;
         const r = sdk.handle(c, { method: "OPTIONS", headers: { origin: ${JSON.stringify(APP)}, "access-control-request-method": "PUT" } });
         console.log(JSON.stringify({ source: s.source, status: r.status, fastify: typeof sdk.corsboardFastify }));
         await c.close();`;
    const esm = await run(process.execPath, ["--input-type=module", "-e", body(`await import(${JSON.stringify(`${dirs.sdk}/index.mjs`)})`)], { encoding: "utf8" });
    const cjs = await run(process.execPath, ["--input-type=commonjs", "-e", `(async () => { ${body(`require(${JSON.stringify(`${dirs.sdk}/index.cjs`)})`)} })()`], { encoding: "utf8" });
    for (const out of [esm.stdout, cjs.stdout]) expect(JSON.parse(out.trim())).toEqual({ source: "server", status: 204, fastify: "function" });
  });
});
