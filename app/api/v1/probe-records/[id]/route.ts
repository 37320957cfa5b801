import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { getProbeRecord } from "@/lib/server/probe-records/get-probe-record";

export const GET = defineRoute(api["GET /api/v1/probe-records/{id}"], async ({ params }) => ({
  record: await getProbeRecord(params.id),
}));
