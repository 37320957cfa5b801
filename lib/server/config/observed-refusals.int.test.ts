import { beforeAll, describe, expect, it } from "vitest";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";
import { createProjectFixture, createTokenFixture } from "@/lib/server/config/test-support/config-fixtures";

// Services say why: the refusal reasons the SDK reports with its observed
// origins are validated, stored (per origin: the latest reason; per
// environment: 5-minute buckets) and listed — the hour window included — on
// a real database (embedded; PostgreSQL too with TEST_DATABASE_URL).

const load = async () => ({
  observedPost: await import("@/app/api/v1/config/[project]/[environment]/observed/route"),
  observedGet: await import("@/app/api/v1/projects/[project]/environments/[environment]/observed/route"),
  refusalsGet: await import("@/app/api/v1/projects/[project]/environments/[environment]/observed/refusals/route"),
  ...(await import("@/lib/server/config/record-refusals")),
  ...(await import("@/lib/server/config/list-refusals")),
  ...(await import("@/lib/server/tokens/token-secret")),
});

const BASE = "http://corsboard.test/api/v1";
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const params = { project: "pay", environment: "staging" };

describe.each(TEST_BACKENDS)("observed refusals on %s", (backend) => {
  const t = useTestBackend(backend, load);
  let envId: string;
  let reader: { secret: string };
  let admin: { secret: string };

  const post = (body: unknown) =>
    (t.m.observedPost.POST as Handler)(
      new Request(`${BASE}/config/pay/staging/observed`, { method: "POST", headers: { authorization: `Bearer ${reader.secret}`, "content-type": "application/json" }, body: JSON.stringify(body) }),
      { params: Promise.resolve(params) },
    );
  const get = async <T,>(handler: unknown, path: string): Promise<T> => {
    const res = await (handler as Handler)(new Request(`${BASE}/projects/pay/environments/staging/${path}`, { headers: { authorization: `Bearer ${admin.secret}` } }), { params: Promise.resolve(params) });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  // Fixtures every test of this backend uses (a hook, not a test: each test runs alone).
  beforeAll(async () => {
    const prisma = t.app.client.prisma;
    const ids = await createProjectFixture(prisma, "pay", ["staging"]);
    envId = ids.env.staging!;
    reader = await createTokenFixture(prisma, t.m.hashTokenSecret, "config_read", { projectId: ids.projectId, environmentId: envId });
    admin = await createTokenFixture(prisma, t.m.hashTokenSecret, "admin");
  });

  it("stores the reason per origin and counts it for the last hour", async () => {
    const app = "https://app.example.com";
    expect(
      (
        await post({
          version: 2,
          origins: [
            { origin: app, allowed: 3, rejected: 12, refusals: [{ kind: "method", method: "PUT", count: 10 }, { kind: "headers", headers: ["x-trace", "content-type"], count: 2 }] },
            { origin: "https://evil.example", allowed: 0, rejected: 1, refusals: [{ kind: "origin", count: 1 }] },
          ],
        })
      ).status,
    ).toBe(202);
    expect((await post({ origins: [{ origin: app, allowed: 0, rejected: 2, refusals: [{ kind: "method", method: "PUT", count: 2 }] }] })).status).toBe(202);
    // An older SDK sends no reasons: the stored one stays.
    expect((await post({ origins: [{ origin: app, allowed: 1, rejected: 0 }] })).status).toBe(202);

    const observed = await get<{ origins: { origin: string; lastRefusal: unknown }[] }>(t.m.observedGet.GET, "observed");
    expect(observed.origins.find((o) => o.origin === app)?.lastRefusal).toEqual({ kind: "method", detail: "PUT" });
    expect(observed.origins.find((o) => o.origin === "https://evil.example")?.lastRefusal).toEqual({ kind: "origin", detail: "" });

    const refusals = await get<{ windowMinutes: number; refusals: unknown[] }>(t.m.refusalsGet.GET, "observed/refusals");
    expect(refusals).toEqual({
      project: "pay",
      environment: "staging",
      windowMinutes: 60,
      refusals: [
        { kind: "method", detail: "PUT", count: 12 },
        { kind: "headers", detail: "content-type, x-trace", count: 2 },
        { kind: "origin", detail: "", count: 1 },
      ],
    });
  });

  it("the hour is the current 5-minute bucket and the 11 before it; day-old buckets are deleted", async () => {
    const now = Date.UTC(2030, 0, 1, 12, 2); // 12:02, in the 12:00 bucket
    const report = (count: number) => ({ origins: [{ origin: "https://a.example", allowed: 0, rejected: count, refusals: [{ kind: "credentials" as const, count }] }] });
    await t.m.recordRefusals(envId, report(1), now - 55 * 60_000); // 11:07 → the 11:05 bucket: inside
    await t.m.recordRefusals(envId, report(100), now - 61 * 60_000); // 11:01 → the 11:00 bucket: outside
    await t.m.recordRefusals(envId, report(1000), now - 25 * 60 * 60_000); // a day ago
    const list = await t.m.listRefusals("pay", "staging", now);
    expect(list.refusals.find((r) => r.kind === "credentials")).toEqual({ kind: "credentials", detail: "", count: 1 });
    // Writing at `now` deleted the day-old bucket (and only it).
    await t.m.recordRefusals(envId, report(1), now);
    const rows = await t.app.client.prisma.observedRefusal.findMany({ where: { environmentId: envId, kind: "credentials" }, orderBy: { bucketStart: "asc" } });
    expect(rows.map((r) => [r.bucketStart.toISOString(), Number(r.count)])).toEqual([
      ["2030-01-01T11:00:00.000Z", 100],
      ["2030-01-01T11:05:00.000Z", 1],
      ["2030-01-01T12:00:00.000Z", 1],
    ]);
  });

  it("a malformed reason is refused with the field named", async () => {
    const res = await post({ origins: [{ origin: "https://a.example", allowed: 0, rejected: 1, refusals: [{ kind: "method", method: "PUT NOW", count: 1 }] }] });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: { field: string; message: string }[] };
    expect(body.errors[0]).toMatchObject({ field: "body.origins.0.refusals.0.method" });
    expect(body.errors[0]!.message).toContain("HTTP token");
    expect((await post({ origins: [{ origin: "https://a.example", allowed: 0, rejected: 1, refusals: [{ kind: "teapot", count: 1 }] }] })).status).toBe(422);
  });
});
