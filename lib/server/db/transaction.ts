import { prisma } from "@/lib/server/db/client";
import type { Tx } from "@/lib/server/db/types";
import { logger } from "@/lib/server/logger";

/**
 * Side effects that must happen only if a transaction commits (start the
 * saved checks after a publish, …) are registered inside it with
 * `afterCommit(tx, effect)` and run by `transaction()` once
 * `prisma.$transaction` has returned successfully; on rollback (the callback
 * or the commit throws) they are dropped.
 *
 *   await transaction(async (tx) => {
 *     const row = await tx.policyVersion.create({ … });
 *     afterCommit(tx, () => scheduleChecksAfterPublish(row.environmentId, row.number));
 *   }, EDIT_TX);
 *
 * Effects run once each, in the order registered, before `transaction()`
 * returns; they are not awaited (the caller's answer doesn't wait for
 * background work), and an effect that throws or rejects is logged and
 * cannot fail the committed operation or stop the others. An effect that
 * returns a promise is tracked until it settles: `afterCommitEffectsSettled()`
 * waits for them (before closing the database, e.g. at the end of a test).
 */
export type AfterCommitEffect = () => void | Promise<void>;

const pending = new WeakMap<Tx, AfterCommitEffect[]>();
const inFlight = new Set<Promise<void>>();

type TransactionOptions = Parameters<typeof prisma.$transaction>[1];

export async function transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T> {
  const effects: AfterCommitEffect[] = [];
  const result = await prisma.$transaction(async (tx) => {
    pending.set(tx, effects);
    try {
      return await fn(tx);
    } finally {
      pending.delete(tx);
    }
  }, options);
  for (const effect of effects) runEffect(effect);
  return result;
}

/** Run `effect` after the transaction `tx` commits (never if it rolls back). `tx` must come from `transaction()`. */
export function afterCommit(tx: Tx, effect: AfterCommitEffect): void {
  const effects = pending.get(tx);
  if (!effects) throw new Error("afterCommit: this transaction was not started by transaction() (lib/server/db/transaction.ts), so nothing would run its effects");
  effects.push(effect);
}

/** Resolves once every after-commit effect started so far (and any they started in turn) has settled. */
export async function afterCommitEffectsSettled(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}

function runEffect(effect: AfterCommitEffect): void {
  const failed = (error: unknown) => logger().warn({ err: error instanceof Error ? error.message : String(error) }, "an after-commit effect failed");
  try {
    const done = effect();
    if (done instanceof Promise) {
      const tracked: Promise<void> = done.catch(failed).finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    }
  } catch (error) {
    failed(error);
  }
}
