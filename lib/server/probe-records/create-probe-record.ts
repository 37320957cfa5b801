import { prisma } from "@/lib/server/db/client";
import { Prisma } from "@/lib/server/db/generated/client";
import type { CreatedProbeRecord, CreateProbeRecordRequest } from "@/lib/api/schemas/probe-record";
import { probeRecordPath } from "@/lib/api/schemas/probe-record";
import { actorLabel, actorUserId, type Actor } from "@/lib/server/auth/actor";
import { recordAudit } from "@/lib/server/audit/record-audit";

/**
 * Save a tester run so it can be shared as a link. The record and its audit
 * event are written in one transaction. The audit entry keeps the gist
 * (target, origin, verdicts), not the raw headers, which the record holds.
 */
export async function createProbeRecord(actor: Actor, input: CreateProbeRecordRequest): Promise<CreatedProbeRecord> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.probeRecord.create({
      data: {
        mode: input.mode,
        title: input.title ? input.title : null,
        request: toJson(input.request),
        result: input.result === null ? Prisma.DbNull : toJson(input.result),
        browser: toJson(input.browser),
        createdById: actorUserId(actor),
        createdByLabel: actorLabel(actor),
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "probe_record.create",
      targetType: "probe_record",
      targetId: row.id,
      after: {
        mode: input.mode,
        title: input.title ?? null,
        method: input.request.method,
        url: input.request.url,
        origin: input.request.origin,
        verdict: input.result?.verdict ?? null,
        browserOutcome: input.browser.outcome,
      },
    });
    return { id: row.id, url: probeRecordPath(row.id) };
  });
}

function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
