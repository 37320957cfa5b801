import { Prisma } from "@/lib/server/db/generated/client";
import { prisma } from "@/lib/server/db/client";
import type { ObservedReport } from "@/lib/api/schemas/config";
import type { ConfigAccess } from "@/lib/server/config/config-access";
import { recordRefusals, refusalDetail } from "@/lib/server/config/record-refusals";

/** Distinct origins kept per environment; beyond it only known origins are counted (a flood of made-up origins can't grow the table). */
export const MAX_OBSERVED_PER_ENVIRONMENT = 10_000;

/**
 * Adds a service's aggregated sightings (already batched by the SDK) to the
 * environment's observed origins, in one statement. Returns how many origins
 * were counted and how many were dropped at the per-environment cap.
 */
export async function recordObserved(access: Pick<ConfigAccess, "environmentId">, report: ObservedReport): Promise<{ accepted: number; dropped: number }> {
  // One entry per origin (a report may repeat one; sum them).
  const byOrigin = new Map<string, { allowed: number; rejected: number; lastAllowed: boolean; refusal: { kind: string; detail: string } | null }>();
  for (const o of report.origins) {
    const prev = byOrigin.get(o.origin);
    // The origin's refusal shown in the list: the most frequent reason of this report.
    const top = o.refusals?.reduce((a, b) => (b.count > a.count ? b : a));
    byOrigin.set(o.origin, {
      allowed: (prev?.allowed ?? 0) + o.allowed,
      rejected: (prev?.rejected ?? 0) + o.rejected,
      lastAllowed: o.rejected === 0 ? true : o.allowed === 0 ? false : (o.lastAllowed ?? o.allowed >= o.rejected),
      refusal: top ? { kind: top.kind, detail: refusalDetail(top) } : (prev?.refusal ?? null),
    });
  }
  // Counted per 5-minute bucket whatever the per-environment origin cap below drops.
  await recordRefusals(access.environmentId, report);
  let entries = [...byOrigin.entries()].filter(([, c]) => c.allowed + c.rejected > 0);
  if (entries.length === 0) return { accepted: 0, dropped: 0 };

  const total = await prisma.observedOrigin.count({ where: { environmentId: access.environmentId } });
  let dropped = 0;
  if (total + entries.length > MAX_OBSERVED_PER_ENVIRONMENT) {
    const existing = await prisma.observedOrigin.findMany({
      where: { environmentId: access.environmentId, origin: { in: entries.map(([origin]) => origin) } },
      select: { origin: true },
    });
    const known = new Set(existing.map((e) => e.origin));
    let room = Math.max(0, MAX_OBSERVED_PER_ENVIRONMENT - total);
    entries = entries.filter(([origin]) => {
      if (known.has(origin)) return true;
      if (room > 0) {
        room--;
        return true;
      }
      dropped++;
      return false;
    });
    if (entries.length === 0) return { accepted: 0, dropped };
  }

  const at = new Date().toISOString();
  const version = report.version ?? null;
  const values = entries.map(
    ([origin, c]) => Prisma.sql`(${origin}, ${c.allowed}::bigint, ${c.rejected}::bigint, ${c.lastAllowed}::boolean, ${c.refusal?.kind ?? null}::text, ${c.refusal?.detail ?? null}::text)`,
  );
  await prisma.$executeRaw`
    INSERT INTO "observed_origin" ("environmentId", "origin", "allowedCount", "rejectedCount", "lastAllowed", "lastVersion", "firstSeenAt", "lastSeenAt", "lastRefusalKind", "lastRefusalDetail")
    SELECT ${access.environmentId}, v.origin, v.allowed, v.rejected, v.last, ${version}::int,
           (${at}::timestamptz AT TIME ZONE 'UTC'), (${at}::timestamptz AT TIME ZONE 'UTC'), v.rkind, v.rdetail
    FROM (VALUES ${Prisma.join(values)}) AS v(origin, allowed, rejected, last, rkind, rdetail)
    ON CONFLICT ("environmentId", "origin") DO UPDATE SET
      "allowedCount" = "observed_origin"."allowedCount" + EXCLUDED."allowedCount",
      "rejectedCount" = "observed_origin"."rejectedCount" + EXCLUDED."rejectedCount",
      "lastAllowed" = EXCLUDED."lastAllowed",
      "lastVersion" = COALESCE(EXCLUDED."lastVersion", "observed_origin"."lastVersion"),
      "lastSeenAt" = EXCLUDED."lastSeenAt",
      "lastRefusalKind" = COALESCE(EXCLUDED."lastRefusalKind", "observed_origin"."lastRefusalKind"),
      "lastRefusalDetail" = CASE WHEN EXCLUDED."lastRefusalKind" IS NULL THEN "observed_origin"."lastRefusalDetail" ELSE EXCLUDED."lastRefusalDetail" END`;
  return { accepted: entries.length, dropped };
}
