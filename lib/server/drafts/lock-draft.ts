import type { Tx } from "@/lib/server/db/types";

/**
 * Locks an environment's draft row for the rest of the transaction, creating
 * an empty draft first if the environment has none. Every draft writer takes
 * this lock before reading, so concurrent edits queue instead of overwriting
 * each other, and what the writer read is what it changes.
 */
export async function lockDraft(tx: Tx, environmentId: string): Promise<void> {
  const locked = await tx.$queryRaw<unknown[]>`SELECT "environmentId" FROM "policy_draft" WHERE "environmentId" = ${environmentId} FOR NO KEY UPDATE`;
  if (locked.length > 0) return;
  await tx.policyDraft.createMany({ data: [{ environmentId, allowedMethods: [] }], skipDuplicates: true });
  await tx.$queryRaw`SELECT "environmentId" FROM "policy_draft" WHERE "environmentId" = ${environmentId} FOR NO KEY UPDATE`;
}

/** The draft row with its origins (call after lockDraft inside a transaction for a consistent read). */
export function loadDraftRow(db: Tx, environmentId: string) {
  return db.policyDraft.findUniqueOrThrow({
    where: { environmentId },
    include: { origins: { select: { value: true, position: true, note: true, expiresAt: true, createdAt: true } } },
  });
}

export type DraftRowWithOrigins = Awaited<ReturnType<typeof loadDraftRow>>;
