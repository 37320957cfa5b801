import type { Tx } from "@/lib/server/db/types";
import type { OriginRule } from "@/lib/api/schemas/policy";

export interface StoredOrigin {
  value: string;
  position: number;
  note: string | null;
  expiresAt: Date | null;
}

/** Values per DELETE (bind parameters stay well under PostgreSQL's 65,535). */
const CHUNK = 5_000;
/** Rows per INSERT/UPDATE (one JSON parameter each). */
const BATCH = 10_000;

/**
 * Makes a draft's origin rows equal to `next` (in that order) by writing only
 * the difference: one DELETE for the removed values, one INSERT for the new
 * ones, and one UPDATE for rows whose position, note or expiry changed.
 * Untouched rows keep their author and creation time. Call inside the
 * transaction holding the draft lock.
 */
export async function writeDraftOrigins(tx: Tx, environmentId: string, existing: readonly StoredOrigin[], next: readonly OriginRule[], createdById: string | null) {
  const current = new Map(existing.map((o) => [o.value, o]));
  const nextValues = new Set(next.map((o) => o.value));
  const removed = existing.filter((o) => !nextValues.has(o.value)).map((o) => o.value);
  const created: RowJson[] = [];
  const updated: RowJson[] = [];

  next.forEach((o, position) => {
    const old = current.get(o.value);
    const expiresAt = o.expiresAt === null ? null : new Date(o.expiresAt);
    const row = originRow(o, position);
    if (!old) created.push(row);
    else if (old.position !== position || old.note !== o.note || (old.expiresAt?.getTime() ?? null) !== (expiresAt?.getTime() ?? null)) updated.push(row);
  });

  for (let i = 0; i < removed.length; i += CHUNK) {
    await tx.originRule.deleteMany({ where: { environmentId, value: { in: removed.slice(i, i + CHUNK) } } });
  }
  await insertOriginRows(tx, environmentId, created, createdById);
  for (let i = 0; i < updated.length; i += BATCH) {
    const rows = JSON.stringify(updated.slice(i, i + BATCH));
    await tx.$executeRaw`
      UPDATE "origin_rule" AS o
      SET "position" = v."position", "note" = v."note", "expiresAt" = v."expiresAt"
      FROM jsonb_to_recordset(${rows}::jsonb) AS v("value" text, "position" integer, "note" text, "expiresAt" timestamp(3))
      WHERE o."environmentId" = ${environmentId} AND o."value" = v."value"`;
  }
  return { removed: removed.length, created: created.length, updated: updated.length };
}

/**
 * Inserts origin rows with one short statement per 10,000 rows: the rows
 * travel as one JSON parameter (Prisma's createMany binds every value and is
 * ~8× slower on the embedded database). Ids are UUIDs like Prisma's.
 */
export async function insertOriginRows(tx: Tx, environmentId: string, rows: readonly RowJson[], createdById: string | null): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = JSON.stringify(rows.slice(i, i + BATCH));
    await tx.$executeRaw`
      INSERT INTO "origin_rule" ("id", "environmentId", "value", "position", "note", "expiresAt", "createdById")
      SELECT gen_random_uuid()::text, ${environmentId}, v."value", v."position", v."note", v."expiresAt", ${createdById}
      FROM jsonb_to_recordset(${batch}::jsonb) AS v("value" text, "position" integer, "note" text, "expiresAt" timestamp(3))`;
  }
}

/** An origin row for a write. */
export function originRow(o: OriginRule, position: number): RowJson {
  return { value: o.value, position, note: o.note, expiresAt: o.expiresAt === null ? null : new Date(o.expiresAt).toISOString().replace("Z", "") };
}

/** A row as JSON for jsonb_to_recordset; `expiresAt` as UTC wall time (the column is timestamp without time zone, in UTC). */
export interface RowJson {
  value: string;
  position: number;
  note: string | null;
  expiresAt: string | null;
}
