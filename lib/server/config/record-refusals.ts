import { Prisma } from "@/lib/server/db/generated/client";
import { prisma } from "@/lib/server/db/client";
import type { ObservedReport } from "@/lib/api/schemas/config";

/** Width of one bucket: "in the last hour" sums the current bucket and the 11 before it. */
export const REFUSAL_BUCKET_MS = 5 * 60_000;
/** Buckets older than this are deleted when new ones are written. */
const KEEP_MS = 24 * 60 * 60_000;
/** Distinct (kind, detail) pairs counted per report, the most frequent first: made-up headers can't grow the table without bound. */
const MAX_PAIRS_PER_REPORT = 50;

type ReportedRefusal = NonNullable<ObservedReport["origins"][number]["refusals"]>[number];

/** What was refused, as stored: the method, or the headers (lowercase, sorted, comma-separated), or "". */
export function refusalDetail(r: Pick<ReportedRefusal, "method" | "headers">): string {
  if (r.method) return r.method;
  if (r.headers) return [...new Set(r.headers.map((h) => h.toLowerCase()))].sort().join(", ");
  return "";
}

export function bucketStart(at: number): Date {
  return new Date(Math.floor(at / REFUSAL_BUCKET_MS) * REFUSAL_BUCKET_MS);
}

/**
 * Adds a report's refusals (summed over its origins by kind and what was
 * refused) to the environment's current 5-minute bucket, and deletes its
 * buckets older than a day. Per-hour questions are sums over 12 buckets.
 */
export async function recordRefusals(environmentId: string, report: ObservedReport, now = Date.now()): Promise<void> {
  const pairs = new Map<string, { kind: string; detail: string; count: number }>();
  for (const o of report.origins) {
    for (const r of o.refusals ?? []) {
      const detail = refusalDetail(r);
      const key = `${r.kind} ${detail}`;
      const p = pairs.get(key);
      if (p) p.count += r.count;
      else pairs.set(key, { kind: r.kind, detail, count: r.count });
    }
  }
  if (pairs.size === 0) return;
  const top = [...pairs.values()].sort((a, b) => b.count - a.count).slice(0, MAX_PAIRS_PER_REPORT);
  const bucket = bucketStart(now).toISOString();
  const values = top.map((p) => Prisma.sql`(${p.kind}::text, ${p.detail}::text, ${p.count}::bigint)`);
  await prisma.$executeRaw`
    INSERT INTO "observed_refusal" ("environmentId", "bucketStart", "kind", "detail", "count")
    SELECT ${environmentId}, (${bucket}::timestamptz AT TIME ZONE 'UTC'), v.kind, v.detail, v.count
    FROM (VALUES ${Prisma.join(values)}) AS v(kind, detail, count)
    ON CONFLICT ("environmentId", "bucketStart", "kind", "detail") DO UPDATE SET
      "count" = "observed_refusal"."count" + EXCLUDED."count"`;
  await prisma.observedRefusal.deleteMany({ where: { environmentId, bucketStart: { lt: new Date(now - KEEP_MS) } } });
}
