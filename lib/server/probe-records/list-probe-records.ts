import { prisma } from "@/lib/server/db/client";
import type { ProbeRecordSummary } from "@/lib/api/schemas/probe-record";
import { toProbeRecordSummary } from "@/lib/server/probe-records/probe-record-dto";

/** The most recently saved tester runs, newest first (id breaks ties of equal timestamps). */
export async function listProbeRecords(limit: number): Promise<ProbeRecordSummary[]> {
  const rows = await prisma.probeRecord.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
  return rows.map(toProbeRecordSummary);
}
