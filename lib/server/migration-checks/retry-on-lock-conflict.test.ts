import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/server/errors";
import { isLockConflict, retryOnLockConflict } from "./retry-on-lock-conflict";

const deadlock = Object.assign(new Error("Transaction failed due to a write conflict or a deadlock. Please retry your transaction"), { code: "P2034" });

describe("retry on lock conflict", () => {
  it("recognizes deadlocks and serialization failures in the shapes Prisma and the adapters report them", () => {
    expect(isLockConflict(deadlock)).toBe(true);
    expect(isLockConflict(Object.assign(new Error("Raw query failed"), { code: "P2010", meta: { code: "40P01", message: "deadlock detected" } }))).toBe(true);
    expect(isLockConflict(new Error("wrapped", { cause: { code: "40001" } }))).toBe(true);
    expect(isLockConflict(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
    expect(isLockConflict(null)).toBe(false);
  });

  it("runs again after a conflict and returns the retry's result", async () => {
    let calls = 0;
    const result = await retryOnLockConflict(async () => {
      calls++;
      if (calls < 3) throw deadlock;
      return "done";
    });
    expect([result, calls]).toEqual(["done", 3]);
  });

  it("gives up with a 409 saying to try again, never the raw error; other errors pass through at once", async () => {
    let calls = 0;
    const error = await retryOnLockConflict(async () => {
      calls++;
      throw deadlock;
    }).catch((e: unknown) => e);
    expect(calls).toBe(3);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 409, code: "concurrent_change" });

    let other = 0;
    const boom = new Error("boom");
    await expect(
      retryOnLockConflict(async () => {
        other++;
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(other).toBe(1);
  });
});
