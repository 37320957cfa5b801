import { prisma } from "@/lib/server/db/client";
import { Prisma } from "@/lib/server/db/generated/client";
import type { CreatedProbeRecord, CreateProbeRecordRequest } from "@/lib/api/schemas/probe-record";
import { probeRecordPath } from "@/lib/api/schemas/probe-record";
import { actorLabel, actorUserId, type Actor } from "@/lib/server/auth/actor";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { validationFailed } from "@/lib/server/errors";
import { maskProbeResult, maskTesterRequest, secretHeaderValues } from "@/lib/server/probe-records/mask-probe-record";
import { verifyProbeSignature } from "@/lib/server/probe-records/probe-signature";

/**
 * Save a tester run so it can be shared as a link. The server probe's result
 * is kept only when its signature (from POST /api/v1/probe) verifies for this
 * request; the browser's outcome is kept as reported (it is labelled as such).
 * Credential headers are masked before anything is written. The record and
 * its audit event are written in one transaction. The audit entry keeps the
 * gist (target, origin, verdicts), not the headers.
 */
export async function createProbeRecord(actor: Actor, input: CreateProbeRecordRequest): Promise<CreatedProbeRecord> {
  if (input.result !== null && !(await verifyProbeSignature(input.request, input.result, input.signature))) {
    const message = input.signature
      ? "This result isn't what Corsboard's probe answered for this request (its signature doesn't match): save the result and request exactly as POST /api/v1/probe returned them, or save with result null."
      : "Send the signature POST /api/v1/probe answered with this result, or save with result null.";
    throw validationFailed([{ field: "body.result", code: "unverified_result", message }], message);
  }
  return prisma.$transaction(async (tx) => {
    const row = await tx.probeRecord.create({
      data: {
        mode: input.mode,
        title: input.title ? input.title : null,
        request: toJson(maskTesterRequest(input.request)),
        result: input.result === null ? Prisma.DbNull : toJson(maskProbeResult(input.result, secretHeaderValues(input.request.headers))),
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
