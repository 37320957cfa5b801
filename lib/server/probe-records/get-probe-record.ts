import { prisma } from "@/lib/server/db/client";
import type { ProbeRecord } from "@/lib/api/schemas/probe-record";
import { notFound } from "@/lib/server/errors";
import { toProbeRecordDto } from "@/lib/server/probe-records/probe-record-dto";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One saved tester run; a malformed id is as unknown as a missing one (404, never a database error). */
export async function getProbeRecord(id: string): Promise<ProbeRecord> {
  if (!UUID.test(id)) throw notFound(`Saved result "${id.slice(0, 80)}"`);
  const row = await prisma.probeRecord.findUnique({ where: { id } });
  if (!row) throw notFound(`Saved result "${id}"`);
  return toProbeRecordDto(row);
}
