import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { createProjectFixture, createTokenFixture, publishVersion } from "@/lib/server/config/test-support/config-fixtures";
import { useTestBackend } from "@/lib/server/test-support/test-backend";

// GET /metrics of the production server's fast path: off (left to Next →
// 404) without CORSBOARD_METRICS_TOKEN, bearer token required when set, open
// on the dedicated metrics listener; config requests move the counters;
// no token appears anywhere in the output.

const load = async () => ({
  ...(await import("@/lib/server/fast-path/fast-path")),
  ...(await import("@/lib/server/config/config-runtime")),
  ...(await import("@/lib/server/config/notify-policy-published")),
  ...(await import("@/lib/server/tokens/token-secret")),
});

const METRICS_TOKEN = "metrics-test-token-0123456789abcdef";

describe("/metrics", () => {
  const t = useTestBackend("embedded", load);
  const servers: http.Server[] = [];
  afterAll(async () => {
    for (const s of servers) s.closeAllConnections();
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    await t.m.stopConfigRuntime();
  });

  /** A server like scripts/server.mjs: the fast path first, then "Next" (here a bare 404). */
  const serve = async (handler: http.RequestListener): Promise<string> => {
    const server = http.createServer(handler);
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const behind = (fastPath: ReturnType<typeof t.m.createFastPath>): http.RequestListener => (req, res) => {
    if (!fastPath.handle(req, res)) res.writeHead(404, { "x-answered-by": "next" }).end();
  };
  const settings = { metricsPort: null, shutdownTimeoutMs: 10_000 };

  it("is off without a token, needs the bearer token when set, is open on the metrics port; counters move; no token in any label", async () => {
    const prisma = t.app.client.prisma;
    const ids = await createProjectFixture(prisma, "shop", ["dev"]);
    const reader = await createTokenFixture(prisma, t.m.hashTokenSecret, "config_read", { projectId: ids.projectId, environmentId: ids.env.dev! });
    await publishVersion(prisma, t.m.notifyPolicyPublished, ids.env.dev!, { origins: ["https://app.shop.example"] });

    const off = await serve(behind(t.m.createFastPath({ ...settings, metricsToken: null })));
    const offRes = await fetch(`${off}/metrics`);
    expect(offRes.status).toBe(404);
    expect(offRes.headers.get("x-answered-by")).toBe("next");

    const fastPath = t.m.createFastPath({ ...settings, metricsToken: METRICS_TOKEN });
    const base = await serve(behind(fastPath));
    for (const authorization of [undefined, "Bearer wrong-token-0123456789abcdef", `Basic ${METRICS_TOKEN}`, `Bearer ${METRICS_TOKEN}x`]) {
      const res = await fetch(`${base}/metrics`, { headers: authorization ? { authorization } : {} });
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    const scrape = async (url = `${base}/metrics`, headers: Record<string, string> = { authorization: `Bearer ${METRICS_TOKEN}` }) => {
      const res = await fetch(url, { headers });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/plain");
      return res.text();
    };
    const count = (text: string, labels: string) => Number(new RegExp(`^corsboard_config_requests_total\\{${labels}\\} (\\d+)`, "m").exec(text)?.[1] ?? 0);
    const ok = 'status="200",format="json",mode="fetch"';
    const notModified = 'status="304",format="json",mode="fetch"';
    const unauthorized = 'status="401",format="json",mode="fetch"';

    const before = await scrape();
    const auth = { authorization: `Bearer ${reader.secret}` };
    const first = await fetch(`${base}/api/v1/config/shop/dev`, { headers: auth });
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    for (let i = 0; i < 3; i++) expect((await fetch(`${base}/api/v1/config/shop/dev`, { headers: { ...auth, "if-none-match": etag } })).status).toBe(304);
    expect((await fetch(`${base}/api/v1/config/shop/dev`, { headers: { authorization: "Bearer cb_not-a-real-token-0000000000" } })).status).toBe(401);
    const after = await scrape();
    expect(count(after, ok) - count(before, ok)).toBe(1);
    expect(count(after, notModified) - count(before, notModified)).toBe(3);
    expect(count(after, unauthorized) - count(before, unauthorized)).toBe(1);
    for (const name of ["corsboard_config_open_streams", "corsboard_config_open_long_polls", "corsboard_config_publish_notify_seconds_bucket", "corsboard_config_listen_reconnects_total", "corsboard_probe_runs_total", "process_cpu_seconds_total", "nodejs_eventloop_lag_seconds"]) {
      expect(after, name).toContain(name);
    }
    // A long-poll woken by a publish: one publish→notify observation.
    const notified = (text: string) => Number(/^corsboard_config_publish_notify_seconds_count (\d+)/m.exec(text)?.[1] ?? 0);
    const waiting = fetch(`${base}/api/v1/config/shop/dev?waitForChange=1&timeout=30`, { headers: auth });
    await expect.poll(async () => Number(/^corsboard_config_open_long_polls (\d+)/m.exec(await scrape())?.[1])).toBe(1);
    await publishVersion(prisma, t.m.notifyPolicyPublished, ids.env.dev!, { origins: ["https://app.shop.example", "https://new.shop.example"] });
    expect((await waiting).status).toBe(200);
    const woken = await scrape();
    expect(notified(woken) - notified(after)).toBe(1);
    expect(count(woken, 'status="200",format="json",mode="long-poll"')).toBeGreaterThanOrEqual(1);

    for (const secret of [reader.secret, METRICS_TOKEN, "cb_not-a-real-token"]) expect(after).not.toContain(secret);

    // The dedicated port: no token needed, nothing else served.
    const port = await serve((req, res) => fastPath.handleMetrics(req, res));
    expect(await scrape(`${port}/metrics`, {})).toContain("corsboard_config_requests_total");
    expect((await fetch(`${port}/api/v1/config/shop/dev`, { headers: auth })).status).toBe(404);
  });
});
