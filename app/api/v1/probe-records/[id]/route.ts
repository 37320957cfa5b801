import { probeRecordParamsSchema } from "@/lib/api/schemas/probe-record";
import { defineRoute } from "@/lib/server/http/route";
import { getProbeRecord } from "@/lib/server/probe-records/get-probe-record";

export const GET = defineRoute({ auth: { role: "viewer" }, params: probeRecordParamsSchema }, async ({ params }) => ({
  record: await getProbeRecord(params.id),
}));
