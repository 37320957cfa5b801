import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";
import { createProjectFixture, createTokenFixture, publishVersion } from "@/lib/server/config/test-support/config-fixtures";

/**
 * The consumer list's bookkeeping on a real database (embedded; PostgreSQL
 * too with TEST_DATABASE_URL): what changes the list is written at once (no
 * 2 s batch: each check here polls for less than the batch delay), a closed
 * stream marks its instance gone, and gone instances are pruned.
 */
const load = async () => ({
  ...(await import("@/lib/server/config/usage-recorder")),
  ...(await import("@/lib/server/config/list-consumers")),
  ...(await import("@/lib/server/config/prune-consumers")),
  ...(await import("@/lib/server/config/notify-policy-published")),
  ...(await import("@/lib/server/config/config-runtime")),
  ...(await import("@/lib/server/tokens/token-secret")),
});

/** Shorter than the 2 s batch: a row that shows up within this was written at once. */
const AT_ONCE = { timeout: 1_500, interval: 25 };

describe.each(TEST_BACKENDS)("consumer usage recorder on %s", (backend) => {
  const t = useTestBackend(backend, load);
  let prisma: typeof import("@/lib/server/db/client")["prisma"];
  let envId: string;
  let tokenId: string;
  const recorders: { stop(): Promise<void> }[] = [];
  const recorder = () => {
    const r = t.m.createUsageRecorder();
    recorders.push(r);
    return r;
  };
  const row = (instance: string) => prisma.configConsumer.findUnique({ where: { environmentId_tokenId_instance: { environmentId: envId, tokenId, instance } } });
  const sighting = (instance: string, version: number, mode: "fetch" | "long-poll" | "sse" = "sse") => ({ environmentId: envId, tokenId, instance, version, mode, userAgent: "svc/1" });
  const state = async (instance: string, now = Date.now()) => (await t.m.listConsumers("shop", "dev", now)).consumers.find((c) => c.instance === instance);

  afterAll(async () => {
    for (const r of recorders) await r.stop();
    await t.m.stopConfigRuntime();
  });

  // Fixtures every test of this backend uses (a hook, not a test: each test runs alone).
  beforeAll(async () => {
    prisma = t.app.client.prisma;
    const ids = await createProjectFixture(prisma, "shop", ["dev"]);
    envId = ids.env.dev!;
    tokenId = (await createTokenFixture(prisma, t.m.hashTokenSecret, "config_read", { projectId: ids.projectId, environmentId: envId })).id;
    await publishVersion(prisma, t.m.notifyPolicyPublished, envId, { origins: ["https://a.example"] });
    await publishVersion(prisma, t.m.notifyPolicyPublished, envId, { origins: ["https://b.example"] });
  });

  it("writes a new instance, a new version and a new mode at once; an unchanged sighting within 30 s is not written again", async () => {
    const r = recorder();
    r.record(sighting("web-1", 1, "fetch"));
    await expect.poll(async () => (await row("web-1"))?.version, AT_ONCE).toBe(1);
    expect(await state("web-1")).toMatchObject({ state: "polling", onLatest: false, stale: false });

    r.record(sighting("web-1", 2, "fetch")); // a fetch answered with the new version
    await expect.poll(async () => (await row("web-1"))?.version, AT_ONCE).toBe(2);
    expect(await state("web-1")).toMatchObject({ state: "polling", onLatest: true });

    r.opened({ ...sighting("web-1", 2), version: 2 }); // it switched to SSE
    await expect.poll(async () => (await row("web-1"))?.mode, AT_ONCE).toBe("sse");
    expect(await state("web-1")).toMatchObject({ state: "live", onLatest: true });

    const seen = (await row("web-1"))!.lastSeenAt;
    r.record(sighting("web-1", 2)); // a heartbeat: nothing changes, nothing written now
    await r.flush();
    expect((await row("web-1"))!.lastSeenAt).toEqual(seen); // and not even then: within 30 s of the last write
  });

  it("a closed stream marks its instance gone at once; a later sighting brings it back", async () => {
    const r = recorder();
    r.opened({ ...sighting("web-2", 2), version: 2 });
    await expect.poll(async () => (await row("web-2"))?.mode, AT_ONCE).toBe("sse");
    r.closed(sighting("web-2", 2));
    await expect.poll(async () => (await row("web-2"))?.disconnectedAt, AT_ONCE).not.toBeNull();
    expect(await state("web-2")).toMatchObject({ state: "gone", stale: true, disconnectedAt: expect.any(String) });

    r.opened({ ...sighting("web-2", 2), version: 2 }); // reconnected: same version and mode, written at once all the same
    await expect.poll(async () => (await row("web-2"))?.disconnectedAt, AT_ONCE).toBeNull();
    expect(await state("web-2")).toMatchObject({ state: "live" });
  });

  it("a close is not written while another stream of the instance is open here, nor when it reconnected to another server", async () => {
    const a = recorder();
    a.opened({ ...sighting("web-3", 2), version: 2 });
    a.opened({ ...sighting("web-3", 2), version: 2 }); // a second stream (the client reconnected before we noticed the first one die)
    a.closed(sighting("web-3", 2));
    await a.flush();
    expect((await row("web-3"))!.disconnectedAt).toBeNull();

    // Reconnected to server B after A's last sighting; A notices its stream's end afterwards.
    const lastOnA = (await row("web-3"))!.lastSeenAt.getTime();
    await expect.poll(() => Date.now() > lastOnA + 5, { timeout: 1_000, interval: 5 }).toBe(true);
    const b = recorder();
    b.opened({ ...sighting("web-3", 2), version: 2 });
    await expect.poll(async () => (await row("web-3"))!.lastSeenAt.getTime(), AT_ONCE).toBeGreaterThan(lastOnA);
    a.closed(sighting("web-3", 2));
    await a.flush();
    expect((await row("web-3"))!.disconnectedAt).toBeNull();
    expect(await state("web-3")).toMatchObject({ state: "live" });
  });

  it("an instance unseen for twice its refresh interval plus 30 s is gone, and not counted", async () => {
    const list = await t.m.listConsumers("shop", "dev");
    expect(list.goneAfterSeconds).toEqual({ sse: 60, "long-poll": 150, fetch: 90 });
    const seen = (await row("web-1"))!.lastSeenAt.getTime();
    expect(await state("web-1", seen + 59_000)).toMatchObject({ state: "live" });
    expect(await state("web-1", seen + 61_000)).toMatchObject({ state: "gone" });
  });

  it("prunes instances unseen for the retention period with one DELETE, at most once an hour per process", async () => {
    const old = (days: number) => new Date(Date.now() - days * 24 * 3600_000);
    for (const [instance, days] of [["old-8d", 8], ["old-6d", 6]] as const) {
      await prisma.configConsumer.create({ data: { environmentId: envId, tokenId, instance, version: 1, mode: "fetch", firstSeenAt: old(days), lastSeenAt: old(days) } });
    }
    expect(await t.m.pruneGoneConsumers(Date.now(), 7)).toBe(1);
    expect(await row("old-8d")).toBeNull();
    expect(await row("old-6d")).not.toBeNull();
    expect(await t.m.pruneGoneConsumers(Date.now(), 5)).toBe(1); // CORSBOARD_CONSUMER_RETENTION_DAYS is the default's source
    expect(await row("web-1")).not.toBeNull();

    // Past any earlier prune of this process (the other back end's suite included: the throttle is per process).
    const now = Date.now() + (2 + 3 * TEST_BACKENDS.indexOf(backend)) * 3600_000;
    expect(t.m.maybePruneConsumers(now)).toBeInstanceOf(Promise);
    expect(t.m.maybePruneConsumers(now + 60_000)).toBeUndefined(); // within the hour: skipped
    expect(t.m.maybePruneConsumers(now + 3600_000)).toBeInstanceOf(Promise);
  });
});
