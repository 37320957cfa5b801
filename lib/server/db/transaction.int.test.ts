import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";

/** After-commit effects (lib/server/db/transaction.ts) on both back ends. */
describe.each(TEST_BACKENDS)("transaction() and afterCommit on %s", (backend) => {
  const t = useTestBackend(backend, async () => ({ ...(await import("./transaction")) }));
  const slug = () => `tx-${randomUUID().slice(0, 8)}`;
  const projectCount = (s: string) => t.app.client.prisma.project.count({ where: { slug: s } });

  it("runs an effect once, after the commit: it sees the committed row from outside the transaction", async () => {
    const s = slug();
    const seen: number[] = [];
    let ran!: () => void;
    const done = new Promise<void>((resolve) => (ran = resolve));
    const result = await t.m.transaction(async (tx) => {
      await tx.project.create({ data: { slug: s, name: s } });
      t.m.afterCommit(tx, async () => {
        seen.push(await projectCount(s));
        ran();
      });
      expect(seen).toEqual([]); // registered, not run
      return "value";
    });
    expect(result).toBe("value");
    await done;
    expect(seen).toEqual([1]);
  });

  it("runs effects in the order registered, and one that fails doesn't stop the others or fail the transaction", async () => {
    const order: string[] = [];
    await t.m.transaction(async (tx) => {
      t.m.afterCommit(tx, () => void order.push("first"));
      t.m.afterCommit(tx, () => {
        throw new Error("boom");
      });
      t.m.afterCommit(tx, () => Promise.reject(new Error("async boom")));
      t.m.afterCommit(tx, () => void order.push("last"));
    });
    expect(order).toEqual(["first", "last"]);
  });

  it("drops the effects when the transaction rolls back", async () => {
    const s = slug();
    let ran = 0;
    await expect(
      t.m.transaction(async (tx) => {
        await tx.project.create({ data: { slug: s, name: s } });
        t.m.afterCommit(tx, () => void ran++);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    // A unique violation fails the transaction at the database, after the effect was registered.
    const taken = slug();
    await t.app.client.prisma.project.create({ data: { slug: taken, name: taken } });
    await expect(
      t.m.transaction(async (tx) => {
        t.m.afterCommit(tx, () => void ran++);
        await tx.project.create({ data: { slug: taken, name: taken } });
      }),
    ).rejects.toMatchObject({ code: "P2002" });
    // Effects run synchronously after the commit, so a later transaction's effect proves none is pending.
    await t.m.transaction(async (tx) => t.m.afterCommit(tx, () => void ran++));
    expect(ran).toBe(1);
    expect(await projectCount(s)).toBe(0);
  });

  it("afterCommitEffectsSettled() waits for the effects' background work (the database is closed after it)", async () => {
    let finish!: () => void;
    let finished = false;
    await t.m.transaction(async (tx) =>
      t.m.afterCommit(tx, () =>
        new Promise<void>((resolve) => (finish = resolve)).then(() => {
          finished = true;
        }),
      ),
    );
    let settled = false;
    const waiting = t.m.afterCommitEffectsSettled().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    finish();
    await waiting;
    expect(finished).toBe(true);
  });

  it("refuses afterCommit on a transaction not started by transaction(): nothing would run the effect", async () => {
    await expect(t.app.client.prisma.$transaction(async (tx) => t.m.afterCommit(tx, () => {}))).rejects.toThrow(/not started by transaction\(\)/);
  });
});
