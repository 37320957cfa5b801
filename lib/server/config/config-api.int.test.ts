import { createHash } from "node:crypto";
import { gunzipSync, brotliDecompressSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";
import { createActors } from "@/lib/server/test-support/actors";
import {
  countPgliteQueries,
  countPgQueries,
  createProjectFixture,
  createTokenFixture,
  publishVersion,
  sseReader,
  type PolicyFixture,
  type QueryCounter,
} from "@/lib/server/config/test-support/config-fixtures";
import { transportHarness, type ConfigTransport, type TransportHarness } from "@/lib/server/config/test-support/config-transports";

// The config API on a real database (embedded; PostgreSQL too with
// TEST_DATABASE_URL), through both transports: the route handlers called with
// real Request objects, and the production fast path over real HTTP — where
// every request is also sent to the route handler and the two answers must be
// byte-identical (status, headers, body). Token scoping, ETag/304, encodings,
// expiry at serve time, formats, long-poll, SSE, the consumer registry,
// observed origins, and the number of statements each costs. Every test has
// its own projects, tokens and first version (beforeEach): each runs alone,
// in any order; the server, fast path and statement counter are shared.

const load = async () => ({
  config: await import("@/app/api/v1/config/[project]/[environment]/route"),
  stream: await import("@/app/api/v1/config/[project]/[environment]/stream/route"),
  observedPost: await import("@/app/api/v1/config/[project]/[environment]/observed/route"),
  consumers: await import("@/app/api/v1/projects/[project]/environments/[environment]/consumers/route"),
  observedGet: await import("@/app/api/v1/projects/[project]/environments/[environment]/observed/route"),
  ...(await import("@/lib/server/config/notify-policy-published")),
  ...(await import("@/lib/server/config/config-runtime")),
  ...(await import("@/lib/server/tokens/token-secret")),
  ...(await import("@/lib/server/tokens/revoke-token")),
  ...(await import("@/lib/server/tokens/init-client-tokens")),
  ...(await import("@/lib/server/policies/content-hash")),
  ...(await import("@/lib/server/fast-path/fast-path")),
  ...(await import("@/lib/server/config/encoded-body")),
  embedded: await import("@/lib/server/db/embedded"),
  env: await import("@/lib/server/env"),
});

const BASE = "http://corsboard.test/api/v1";
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const TRANSPORTS: ConfigTransport[] = ["next", "fast-path"];
const CASES = TEST_BACKENDS.flatMap((backend) => TRANSPORTS.map((transport) => [backend, transport] as const));
const bearer = (secret: string, extra: Record<string, string> = {}) => ({ headers: { authorization: `Bearer ${secret}`, ...extra } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The first version every test's shop/dev starts with. */
const FIRST_POLICY: PolicyFixture = {
  origins: [
    "https://app.shop.example",
    { value: "https://*.preview.shop.example", note: "previews" },
    { value: "https://old.shop.example", expiresAt: "2020-01-01T00:00:00.000Z" },
  ],
  allowCredentials: true,
  allowedMethods: ["GET", "PUT"],
  allowedHeaders: ["content-type"],
  exposedHeaders: ["x-request-id"],
  maxAgeSeconds: 600,
};
/**
 * The consumer registry and token last-used times are bookkeeping written in
 * batches, at most once per 30 s per (token, instance, version) and once a
 * minute per token — bounded by time, not by requests. Everything else the
 * config API sends to the database is what these tests count.
 */
const bookkeeping = (sql: string) => /config_consumer|"lastUsedAt"/.test(sql);

describe.each(CASES)("config API on %s via %s", (backend, transport) => {
  const t = useTestBackend(backend, load);
  let harness: TransportHarness;
  let fastPath: ReturnType<typeof t.m.createFastPath> | undefined;
  const call = (handler: Handler, url: string, params: Record<string, string>, init: RequestInit = {}) => harness.call(handler, url, params, init);
  let prisma: typeof import("@/lib/server/db/client")["prisma"];
  /** This test's projects (fresh slugs per test): the shop with dev (published) and prod (nothing yet), and billing. */
  let shop: string;
  let billing: string;
  let runs = 0;
  let ids: { projectId: string; env: Record<string, string> };
  let other: { projectId: string; env: Record<string, string> };
  let dev: { id: string; secret: string };
  let prod: { id: string; secret: string };
  let admin: { id: string; secret: string };
  /** The version shop/dev is at when the test starts. */
  let first: number;
  let counter: QueryCounter;

  const get = (project: string, environment: string, secret: string | null, query = "", headers: Record<string, string> = {}) =>
    call(t.m.config.GET as Handler, `${BASE}/config/${project}/${environment}${query}`, { project, environment }, {
      headers: { ...(secret ? { authorization: `Bearer ${secret}` } : {}), ...headers },
    });
  const publish = (environmentId: string, policy: PolicyFixture, number?: number) => publishVersion(prisma, t.m.notifyPolicyPublished, environmentId, policy, number);

  afterEach(() => {
    // Every request of the test answered identically by the route handler and the fast path.
    expect(harness?.mismatches.splice(0) ?? []).toEqual([]);
  });

  afterAll(async () => {
    counter?.restore();
    await harness?.stop();
    await t.m.stopConfigRuntime();
  });

  beforeAll(async () => {
    harness = await transportHarness(transport, () => (fastPath ??= t.m.createFastPath()), [t.m.config.GET as Handler, t.m.stream.GET as Handler]);
    prisma = t.app.client.prisma;
    counter = backend === "postgres" ? countPgQueries() : countPgliteQueries(await t.m.embedded.openEmbedded(t.m.env.dataDir()));
  });

  beforeEach(async () => {
    runs++;
    shop = `shop-${runs}`;
    billing = `billing-${runs}`;
    ids = await createProjectFixture(prisma, shop, ["dev", "prod"]);
    other = await createProjectFixture(prisma, billing, ["dev"]);
    dev = await createTokenFixture(prisma, t.m.hashTokenSecret, "config_read", { projectId: ids.projectId, environmentId: ids.env.dev! });
    prod = await createTokenFixture(prisma, t.m.hashTokenSecret, "config_read", { projectId: ids.projectId, environmentId: ids.env.prod! });
    admin = await createTokenFixture(prisma, t.m.hashTokenSecret, "admin");
    first = await publish(ids.env.dev!, FIRST_POLICY);
  });

  it("401 without a token, with a malformed, unknown or revoked one — whatever the environment", async () => {
    for (const res of [
      await get(shop, "dev", null),
      await get("nope", "nope", null),
      await get(shop, "dev", "cb_this-token-does-not-exist-000000"),
      await get(shop, "dev", null, "", { authorization: "Basic abc" }),
    ]) {
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    const victim = await createTokenFixture(prisma, t.m.hashTokenSecret, "config_read", { projectId: ids.projectId, environmentId: ids.env.dev! });
    expect((await get(shop, "dev", victim.secret)).status).toBe(200);
    // Cached now; revoking it must still take effect at once (the api_token trigger notifies every instance).
    const { admin: person } = await createActors(prisma, "config");
    await t.m.revokeToken(person, victim.id);
    await expect.poll(async () => (await get(shop, "dev", victim.secret)).status, { timeout: 2_000, interval: 20 }).toBe(401);
  });

  it("403 for a token of another environment or project (existing or not), 404 only for admin tokens", async () => {
    for (const [p, e] of [[shop, "prod"], [billing, "dev"], ["ghost", "dev"], [shop, "ghost"]]) {
      const res = await get(p!, e!, dev.secret);
      expect(res.status, `${p}/${e}`).toBe(403);
      expect(((await res.json()) as { detail: string }).detail).toContain(`${shop}/dev only`);
    }
    expect((await get("ghost", "dev", admin.secret)).status).toBe(404);
    expect((await get(shop, "ghost", admin.secret)).status).toBe(404);
    expect((await get("Shop!", "dev", admin.secret)).status).toBe(404);
    expect((await get(shop, "dev", admin.secret)).status).toBe(200);
  });

  it("404 'nothing published yet' before the first version", async () => {
    const res = await get(shop, "prod", prod.secret);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { code: string; detail: string };
    expect(body.code).toBe("nothing_published");
    expect(body.detail).toContain("Nothing published yet");
  });

  it("serves the latest version: number, time, hash, policy without expired rules, strong ETag; 304 on If-None-Match", async () => {
    const res = await get(shop, "dev", dev.secret);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("x-corsboard-version")).toBe(String(first));
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const etag = res.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    const text = await res.text();
    expect(etag).toBe(`"${createHash("sha256").update(text).digest("base64url").slice(0, 32)}"`);
    const doc = JSON.parse(text);
    expect(doc).toMatchObject({ project: shop, environment: "dev", version: first });
    expect(new Date(doc.publishedAt).getTime()).toBeGreaterThan(Date.now() - 120_000);
    expect(doc.policy).toEqual({
      origins: [
        { value: "https://app.shop.example", expiresAt: null },
        { value: "https://*.preview.shop.example", expiresAt: null },
      ],
      allowCredentials: true,
      allowedMethods: ["GET", "PUT"],
      allowedHeaders: ["content-type"],
      reflectRequestHeaders: false,
      exposedHeaders: ["x-request-id"],
      maxAgeSeconds: 600,
      noOrigin: "allow",
      allowPrivateNetwork: false,
    });
    expect(doc.contentHash).toBe(t.m.contentHash(doc.policy));

    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const notModified = await get(shop, "dev", dev.secret, "", { "if-none-match": inm });
      expect(notModified.status, inm).toBe(304);
      expect(await notModified.text()).toBe("");
      expect(notModified.headers.get("etag")).toBe(etag);
      expect(notModified.headers.get("x-corsboard-version")).toBe(String(first));
    }
    expect((await get(shop, "dev", dev.secret, "", { "if-none-match": '"stale"' })).status).toBe(200);
    expect((await get(shop, "dev", dev.secret, "?format=yaml")).status).toBe(422);
  });

  it("other formats, each with its own ETag and 304", async () => {
    const etags = new Set<string>();
    const bodies: Record<string, string> = {};
    for (const format of ["json", "origins", "nginx", "env"]) {
      const res = await get(shop, "dev", dev.secret, `?format=${format}`);
      expect(res.status, format).toBe(200);
      const etag = res.headers.get("etag")!;
      etags.add(etag);
      bodies[format] = await res.text();
      expect((await get(shop, "dev", dev.secret, `?format=${format}`, { "if-none-match": etag })).status).toBe(304);
    }
    expect(etags.size).toBe(4);
    expect(bodies.origins).toBe("https://app.shop.example\nhttps://*.preview.shop.example\n");
    expect(bodies.nginx).toContain("map $http_origin $cors_allow_origin {");
    expect(bodies.nginx).toContain('    "https://app.shop.example" $http_origin;');
    expect(bodies.nginx).toContain('    "~^https://[a-z0-9_-]+(\\.[a-z0-9_-]+)*\\.preview\\.shop\\.example$" $http_origin;');
    expect(bodies.nginx).toContain("map $cors_allow_origin $cors_allow_credentials {");
    expect(bodies.nginx).not.toContain("old.shop.example");
    expect(bodies.env).toContain("CORS_ALLOWED_ORIGINS=https://app.shop.example,https://*.preview.shop.example\n");
    expect(bodies.env).toContain("CORS_ALLOW_CREDENTIALS=true\n");
    expect(bodies.env).toContain("CORS_MAX_AGE=600\n");
    expect(bodies.env).toContain(`CORSBOARD_VERSION=${first}\n`);
  });

  it("gzip and brotli by Accept-Encoding, compressed once per version and format; ETag per encoding, 304 on any encoding's ETag", async () => {
    const plain = await get(shop, "dev", dev.secret, "?format=nginx");
    const plainBytes = Buffer.from(await plain.arrayBuffer());
    const plainTag = plain.headers.get("etag")!;
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("vary")).toBe("Accept-Encoding");
    const decode = { gzip: gunzipSync, br: brotliDecompressSync };
    for (const [accept, coding] of [["gzip, deflate", "gzip"], ["gzip, deflate, br", "br"], ["br;q=0, gzip", "gzip"], ["identity", null], ["gzip;q=0", null], ["*", "br"]] as const) {
      const res = await get(shop, "dev", dev.secret, "?format=nginx", { "accept-encoding": accept });
      expect(res.status, accept).toBe(200);
      expect(res.headers.get("content-encoding"), accept).toBe(coding);
      expect(res.headers.get("vary")).toBe("Accept-Encoding");
      const body = Buffer.from(await res.arrayBuffer());
      if (coding === null) {
        expect(body.equals(plainBytes)).toBe(true);
        expect(res.headers.get("etag")).toBe(plainTag);
        continue;
      }
      expect(body.length).toBeLessThan(plainBytes.length);
      expect(decode[coding](body).equals(plainBytes), accept).toBe(true);
      expect(Number(res.headers.get("content-length"))).toBe(body.length);
      const tag = res.headers.get("etag")!;
      expect(tag).toBe(`${plainTag.slice(0, -1)}.${coding}"`);
      // A client holding either encoding's ETag is up to date; the 304 names this request's encoding.
      for (const inm of [tag, plainTag]) {
        const nm = await get(shop, "dev", dev.secret, "?format=nginx", { "accept-encoding": accept, "if-none-match": inm });
        expect(nm.status).toBe(304);
        expect(nm.headers.get("etag")).toBe(tag);
      }
    }
    // Compressed once: the cached rendering hands out the very same buffer.
    const latest = (await t.m.configRuntime().policies.latest(ids.env.dev!))!;
    const rendered = latest.render({ project: shop, environment: "dev" }, "nginx");
    const a = await t.m.encodedBody(rendered, "gzip");
    const b = await t.m.encodedBody(rendered, "gzip");
    expect(a.body).toBe(b.body);
  });

  it("after the first request, fetches and 304s cost no statement; a publish costs exactly one read, shared by everyone", async () => {
    const warm = await get(shop, "dev", dev.secret, "", { "x-corsboard-instance": "svc-a" });
    const etag = warm.headers.get("etag")!;
    // The admin token and the environment it names are looked up once, too.
    expect((await get(shop, "dev", admin.secret, "?format=nginx")).status).toBe(200);
    await t.m.configRuntime().usage.flush();
    counter.reset();
    for (let i = 0; i < 25; i++) {
      expect((await get(shop, "dev", dev.secret, "", { "x-corsboard-instance": "svc-a" })).status).toBe(200);
      expect((await get(shop, "dev", dev.secret, "", { "x-corsboard-instance": "svc-a", "if-none-match": etag })).status).toBe(304);
      expect((await get(shop, "dev", admin.secret, "?format=nginx")).status).toBe(200);
    }
    expect(counter.statements().filter((s) => !bookkeeping(s))).toEqual([]);
    expect(counter.statements().length).toBeLessThanOrEqual(2);

    // Subscribers waiting when the version changes: long-polls and SSE streams.
    const baseSubscribers = t.m.configRuntime().listener.subscriberCount();
    const polls = Array.from({ length: 8 }, () => get(shop, "dev", dev.secret, `?waitForChange=${first}&timeout=20`));
    const streams = await Promise.all(
      Array.from({ length: 4 }, async () => sseReader(await call(t.m.stream.GET as Handler, `${BASE}/config/${shop}/dev/stream`, { project: shop, environment: "dev" }, bearer(dev.secret, { "last-event-id": String(first) })))),
    );
    // One listener subscription per long-poll; the 4 streams share one (the environment's fan-out).
    await expect.poll(() => [t.m.configRuntime().listener.subscriberCount(), t.m.configRuntime().connections.count("sse")]).toEqual([8 * harness.lanes + 1 + baseSubscribers, 4]);
    expect(counter.statements().filter((s) => !bookkeeping(s))).toEqual([]);

    const loads = t.m.configRuntime().policies.loads;
    counter.reset();
    // The publish itself (INSERT + pg_notify, number known) reads no policy_version.
    const version = await publish(ids.env.dev!, { origins: ["https://app.shop.example", "https://new.shop.example"] }, first + 1);
    expect(version).toBe(first + 1);
    const answers = await Promise.all(polls);
    for (const a of answers) expect(((await a.json()) as { version: number }).version).toBe(first + 1);
    for (const s of streams) await s.waitFor(() => s.events.some((e) => e.id === String(first + 1)));
    for (let i = 0; i < 10; i++) expect((await get(shop, "dev", dev.secret)).headers.get("x-corsboard-version")).toBe(String(first + 1));
    const reads = counter.statements().filter((s) => /^SELECT/i.test(s) && /policy_version/.test(s));
    expect(reads, counter.statements().join("\n")).toHaveLength(1);
    expect(t.m.configRuntime().policies.loads - loads).toBe(1);
    const others = counter.statements().filter((s) => !/^(BEGIN|COMMIT)/i.test(s) && !reads.includes(s) && !bookkeeping(s) && !/INSERT INTO "public"."policy_version"|pg_notify/.test(s));
    expect(others).toEqual([]);
    for (const s of streams) await s.cancel();
    await expect.poll(() => t.m.configRuntime().listener.subscriberCount()).toBe(baseSubscribers);
  });

  it("rules drop out when they expire, with new bytes and a new ETag, without a database read", async () => {
    const expiresAt = new Date(Date.now() + 1_500).toISOString();
    await publish(ids.env.dev!, { origins: ["https://app.shop.example", { value: "https://temp.shop.example", expiresAt }] });
    const before = await get(shop, "dev", dev.secret);
    const doc = (await before.json()) as { version: number; policy: { origins: { value: string }[] } };
    expect(doc.policy.origins.map((o) => o.value)).toEqual(["https://app.shop.example", "https://temp.shop.example"]);
    expect(before.headers.get("x-corsboard-next-expiry")).toBe(expiresAt);
    const origins = await get(shop, "dev", dev.secret, "?format=origins");
    expect(await origins.text()).toContain("temp.shop.example");
    counter.reset();
    await sleep(Math.max(0, Date.parse(expiresAt) - Date.now() + 50));
    const after = await get(shop, "dev", dev.secret, "", { "if-none-match": before.headers.get("etag")! });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
    expect(after.headers.get("x-corsboard-next-expiry")).toBeNull();
    const afterDoc = (await after.json()) as { version: number; policy: { origins: { value: string }[] } };
    expect(afterDoc.version).toBe(doc.version);
    expect(afterDoc.policy.origins.map((o) => o.value)).toEqual(["https://app.shop.example"]);
    expect(await (await get(shop, "dev", dev.secret, "?format=origins")).text()).toBe("https://app.shop.example\n");
    expect(counter.statements().filter((s) => !bookkeeping(s))).toEqual([]);
  });

  it("long-poll: returns at once when the caller is behind, on publish when it is current, and 304 at the timeout", async () => {
    const current = Number((await get(shop, "dev", dev.secret)).headers.get("x-corsboard-version"));
    const behind = await get(shop, "dev", dev.secret, `?waitForChange=${current - 1}&timeout=30`);
    expect(behind.status).toBe(200);
    expect(behind.headers.get("x-corsboard-version")).toBe(String(current));

    let t0 = Date.now();
    const timedOut = await get(shop, "dev", dev.secret, `?waitForChange=${current}&timeout=1`);
    expect(timedOut.status).toBe(304);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(timedOut.headers.get("etag")).toBeTruthy();

    const base = t.m.configRuntime().listener.subscriberCount();
    t0 = Date.now();
    const waiting = get(shop, "dev", dev.secret, `?waitForChange=${current}&timeout=30`);
    await expect.poll(() => t.m.configRuntime().listener.subscriberCount()).toBe(base + harness.lanes);
    await publish(ids.env.dev!, { origins: ["https://app.shop.example", "https://late.shop.example"] });
    const changed = await waiting;
    expect(changed.status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(1_500);
    expect(((await changed.json()) as { version: number }).version).toBe(current + 1);

    // Nothing published yet: waits for the first version.
    const firstWait = get(shop, "prod", prod.secret, "?waitForChange=0&timeout=30");
    await expect.poll(() => t.m.configRuntime().listener.subscriberCount()).toBe(base + harness.lanes);
    await publish(ids.env.prod!, { origins: ["https://www.shop.example"] });
    expect((await firstWait).status).toBe(200);
    expect((await get(shop, "dev", dev.secret, "?waitForChange=x")).status).toBe(422);
  });

  it("a client that goes away stops its long-poll and its stream", async () => {
    const current = Number((await get(shop, "dev", dev.secret)).headers.get("x-corsboard-version"));
    const base = t.m.configRuntime().listener.subscriberCount();
    const abort = new AbortController();
    const poll = call(t.m.config.GET as Handler, `${BASE}/config/${shop}/dev?waitForChange=${current}&timeout=30`, { project: shop, environment: "dev" }, { ...bearer(dev.secret), signal: abort.signal });
    await expect.poll(() => t.m.configRuntime().listener.subscriberCount()).toBe(base + harness.lanes);
    abort.abort();
    // Over HTTP the aborted request rejects (the client gave up); the server notices the closed socket.
    await poll.catch(() => undefined);
    await expect.poll(() => t.m.configRuntime().listener.subscriberCount()).toBe(base);

    const abortStream = new AbortController();
    const res = await call(t.m.stream.GET as Handler, `${BASE}/config/${shop}/dev/stream`, { project: shop, environment: "dev" }, { ...bearer(dev.secret), signal: abortStream.signal });
    await expect.poll(() => t.m.configRuntime().listener.subscriberCount()).toBe(base + 1);
    abortStream.abort();
    await expect.poll(() => t.m.configRuntime().listener.subscriberCount()).toBe(base);
    await res.body?.cancel().catch(() => {});
  });

  it("SSE: the current version at once, then one event per version with id = version; Last-Event-ID honoured; heartbeats", async () => {
    const current = Number((await get(shop, "dev", dev.secret)).headers.get("x-corsboard-version"));
    const res = await call(t.m.stream.GET as Handler, `${BASE}/config/${shop}/dev/stream?heartbeat=1`, { project: shop, environment: "dev" }, bearer(dev.secret));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("cache-control")).toContain("no-transform");
    const s = sseReader(res);
    await s.waitFor(() => s.events.length === 1);
    expect(s.events[0]).toMatchObject({ event: "policy", id: String(current) });
    expect(JSON.parse(s.events[0]!.data)).toMatchObject({ project: shop, environment: "dev", version: current });

    await publish(ids.env.dev!, { origins: ["https://app.shop.example", "https://sse.shop.example"] });
    await s.waitFor(() => s.events.length === 2);
    expect(s.events[1]!.id).toBe(String(current + 1));
    expect(JSON.parse(s.events[1]!.data).policy.origins.map((o: { value: string }) => o.value)).toContain("https://sse.shop.example");
    await s.waitFor(() => s.comments.some((c) => c.startsWith("heartbeat")), 3_000);
    await s.cancel();

    // Up to date: no initial event. Behind: the current one at once.
    const upToDate = sseReader(await call(t.m.stream.GET as Handler, `${BASE}/config/${shop}/dev/stream`, { project: shop, environment: "dev" }, bearer(dev.secret, { "last-event-id": String(current + 1) })));
    const behind = sseReader(await call(t.m.stream.GET as Handler, `${BASE}/config/${shop}/dev/stream?lastEventId=${current}`, { project: shop, environment: "dev" }, bearer(dev.secret)));
    await behind.waitFor(() => behind.events.length === 1);
    expect(behind.events[0]!.id).toBe(String(current + 1));
    // The next publish is the first event the up-to-date stream gets (events arrive in order: an initial one would come first).
    await publish(ids.env.dev!, { origins: ["https://app.shop.example", "https://sse2.shop.example"] });
    await upToDate.waitFor(() => upToDate.events.length > 0);
    expect(upToDate.events.map((e) => e.id)).toEqual([String(current + 2)]);
    await upToDate.cancel();
    await behind.cancel();

    const forbidden = await call(t.m.stream.GET as Handler, `${BASE}/config/${shop}/prod/stream`, { project: shop, environment: "prod" }, bearer(dev.secret));
    expect(forbidden.status).toBe(403);
  });

  it("a rolled-back publish notifies nobody", async () => {
    const seen: unknown[] = [];
    // This environment's changes only: those of the test's own setup (its tokens) may still be arriving.
    const listener = t.m.configRuntime().listener;
    const unsubscribe = listener.subscribe((c) => {
      if (c.kind === "policy" && c.environmentId === other.env.dev) seen.push(c);
    });
    // Notifications flow (a fresh runtime starts listening on first need).
    await listener.ensureListening();
    expect(listener.isLive()).toBe(true);
    await prisma
      .$transaction(async (tx) => {
        await t.m.notifyPolicyPublished(tx, { environmentId: other.env.dev!, version: 99 });
        throw new Error("roll back");
      })
      .catch(() => {});
    expect(seen).toEqual([]);
    // Notifications arrive in commit order: had the rolled-back one been sent, it would come before this one.
    await prisma.$transaction(async (tx) => t.m.notifyPolicyPublished(tx, { environmentId: other.env.dev!, version: 100 }));
    await expect.poll(() => seen).toEqual([{ kind: "policy", environmentId: other.env.dev, version: 100, publishedAt: expect.any(Number) }]);
    unsubscribe();
  });

  it("records consumers (token, instance, version, mode) in batches, and lists them with onLatest / stale", async () => {
    const runtime = t.m.configRuntime();
    await get(shop, "dev", dev.secret, "", { "x-corsboard-instance": "checkout-1", "user-agent": "svc/1.0" });
    await get(shop, "dev", dev.secret, "", { "x-corsboard-instance": "checkout-2" });
    const stream = sseReader(await call(t.m.stream.GET as Handler, `${BASE}/config/${shop}/dev/stream`, { project: shop, environment: "dev" }, bearer(dev.secret, { "x-corsboard-instance": "checkout-sse" })));
    await stream.waitFor(() => stream.events.length === 1);
    await runtime.usage.flush();
    const list = async () => {
      const res = await call(t.m.consumers.GET as Handler, `${BASE}/projects/${shop}/environments/dev/consumers`, { project: shop, environment: "dev" }, bearer(admin.secret));
      expect(res.status).toBe(200);
      return (await res.json()) as { latestVersion: number; consumers: { instance: string; version: number; onLatest: boolean; stale: boolean; mode: string; userAgent: string | null; token: { name: string } }[] };
    };
    const before = await list();
    const c1 = before.consumers.find((c) => c.instance === "checkout-1")!;
    expect(c1).toMatchObject({ version: before.latestVersion, onLatest: true, stale: false, mode: "fetch", userAgent: "svc/1.0" });
    expect(before.consumers.some((c) => c.mode === "sse")).toBe(true);
    await stream.cancel();
    // A publish that checkout-2 has not fetched yet.
    await publish(ids.env.dev!, { origins: ["https://app.shop.example"] });
    await get(shop, "dev", dev.secret, "", { "x-corsboard-instance": "checkout-1" });
    await runtime.usage.flush();
    const after = await list();
    expect(after.latestVersion).toBe(before.latestVersion + 1);
    expect(after.consumers.find((c) => c.instance === "checkout-1")).toMatchObject({ onLatest: true, version: after.latestVersion });
    expect(after.consumers.find((c) => c.instance === "checkout-2")).toMatchObject({ onLatest: false, version: before.latestVersion });
    // A config token can't use the management API.
    expect((await call(t.m.consumers.GET as Handler, `${BASE}/projects/${shop}/environments/dev/consumers`, { project: shop, environment: "dev" }, bearer(dev.secret))).status).toBe(403);
  });

  it("observed origins: the SDK's batches are summed per origin; viewers list them", async () => {
    const post = (secret: string, body: unknown, project = shop, environment = "dev") =>
      call(t.m.observedPost.POST as Handler, `${BASE}/config/${project}/${environment}/observed`, { project, environment }, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await post(dev.secret, { version: 3, origins: [{ origin: "https://app.shop.example", allowed: 10, rejected: 0 }, { origin: "https://evil.example", allowed: 0, rejected: 2 }] })).status).toBe(202);
    expect((await post(dev.secret, { version: 4, origins: [{ origin: "https://app.shop.example", allowed: 5, rejected: 1, lastAllowed: true }] })).status).toBe(202);
    expect((await post(dev.secret, { origins: [{ origin: "x", allowed: -1, rejected: 0 }] })).status).toBe(422);
    expect((await post(dev.secret, { origins: [] }, shop, "prod")).status).toBe(403);
    expect((await post("cb_wrong-wrong-wrong-wrong-wrong", { origins: [] })).status).toBe(401);
    const res = await call(t.m.observedGet.GET as Handler, `${BASE}/projects/${shop}/environments/dev/observed`, { project: shop, environment: "dev" }, bearer(admin.secret));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { origins: { origin: string; allowedCount: number; rejectedCount: number; lastAllowed: boolean; lastVersion: number }[] };
    expect(body.origins.find((o) => o.origin === "https://app.shop.example")).toMatchObject({ allowedCount: 15, rejectedCount: 1, lastAllowed: true, lastVersion: 4 });
    expect(body.origins.find((o) => o.origin === "https://evil.example")).toMatchObject({ allowedCount: 0, rejectedCount: 2, lastAllowed: false });
    const rejected = await call(t.m.observedGet.GET as Handler, `${BASE}/projects/${shop}/environments/dev/observed?verdict=rejected`, { project: shop, environment: "dev" }, bearer(admin.secret));
    expect(((await rejected.json()) as { origins: { origin: string }[] }).origins.map((o) => o.origin).sort()).toEqual(["https://app.shop.example", "https://evil.example"]);
  });

  it("CORSBOARD_INIT_CLIENT_TOKENS: creates read tokens by slug, refreshes and rotates them", async () => {
    const secretA = "cb_init-client-secret-aaaaaaaaaaaa";
    const secretB = "cb_init-client-secret-bbbbbbbbbbbb";
    const initial = await t.m.ensureInitClientTokens([
      { project: shop, environment: "dev", secret: secretA },
      { project: shop, environment: "nope", secret: secretB },
    ]);
    expect(initial).toEqual({ ready: [`${shop}/dev`], missing: [`${shop}/nope`], refused: [] });
    expect((await get(shop, "dev", secretA)).status).toBe(200);
    expect((await get(shop, "prod", secretA)).status).toBe(403);
    // Idempotent.
    await t.m.ensureInitClientTokens([{ project: shop, environment: "dev", secret: secretA }]);
    expect(await prisma.apiToken.count({ where: { name: t.m.INIT_CLIENT_TOKEN_NAME, revokedAt: null } })).toBe(1);
    // Rotation: the old secret stops working at once.
    await t.m.ensureInitClientTokens([{ project: shop, environment: "dev", secret: secretB }]);
    await expect.poll(async () => (await get(shop, "dev", secretA)).status, { timeout: 2_000, interval: 20 }).toBe(401);
    expect((await get(shop, "dev", secretB)).status).toBe(200);
    // An admin token's secret is never turned into a read token.
    expect(await t.m.ensureInitClientTokens([{ project: shop, environment: "dev", secret: admin.secret }])).toMatchObject({ refused: [`${shop}/dev`] });
    expect((await get(billing, "dev", admin.secret)).status).not.toBe(403);
  });

  it("shutdown: open streams end and waiting long-polls answer at once (Connection: close); new config requests get 503", async () => {
    // The next test starts on a fresh runtime, as after a restart.
    onTestFinished(() => t.m.stopConfigRuntime());
    const current = Number((await get(shop, "dev", dev.secret)).headers.get("x-corsboard-version"));
    const stream = sseReader(await call(t.m.stream.GET as Handler, `${BASE}/config/${shop}/dev/stream`, { project: shop, environment: "dev" }, bearer(dev.secret)));
    await stream.waitFor(() => stream.events.length === 1);
    const base = t.m.configRuntime().listener.subscriberCount();
    const poll = get(shop, "dev", dev.secret, `?waitForChange=${current}&timeout=30`);
    await expect.poll(() => t.m.configRuntime().listener.subscriberCount()).toBe(base + harness.lanes);
    const t0 = Date.now();
    t.m.configRuntime().connections.endAll();
    const answered = await poll;
    expect(answered.status).toBe(304);
    expect(answered.headers.get("connection")).toBe("close");
    await stream.waitFor(() => stream.isClosed());
    expect(Date.now() - t0).toBeLessThan(1_000);
    const refused = await get(shop, "dev", dev.secret);
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { code: string }).code).toBe("shutting_down");
  });
});

describe("CORSBOARD_INIT_CLIENT_TOKENS parsing", async () => {
  const { parseEnv } = await import("@/lib/server/env");
  it("parses entries and names the variable on bad input, without echoing secrets", () => {
    expect(parseEnv({ CORSBOARD_INIT_CLIENT_TOKENS: "shop:dev:cb_0123456789abcdef, billing:prod:cb_fedcba9876543210" }).CORSBOARD_INIT_CLIENT_TOKENS).toEqual([
      { project: "shop", environment: "dev", secret: "cb_0123456789abcdef" },
      { project: "billing", environment: "prod", secret: "cb_fedcba9876543210" },
    ]);
    for (const bad of ["shop:dev", "shop:dev:short", "Shop:dev:cb_0123456789abcdef", "shop:dev:cb_0123456789abcdef,oops"]) {
      expect(() => parseEnv({ CORSBOARD_INIT_CLIENT_TOKENS: bad }), bad).toThrow(/CORSBOARD_INIT_CLIENT_TOKENS: entry \d must be project:environment:secret/);
      try {
        parseEnv({ CORSBOARD_INIT_CLIENT_TOKENS: bad });
      } catch (e) {
        expect((e as Error).message).not.toContain("cb_0123456789abcdef");
      }
    }
  });
});
