import { api } from "@/lib/api/routes";
import { defineRoute, json } from "@/lib/server/http/route";
import { createProbeRecord } from "@/lib/server/probe-records/create-probe-record";
import { listProbeRecords } from "@/lib/server/probe-records/list-probe-records";
import { takeProbeToken } from "@/lib/server/probe/probe-limits";

export const GET = defineRoute(api["GET /api/v1/probe-records"], async ({ query }) => ({
  records: await listProbeRecords(query.limit),
}));

/**
 * Saving a result is open to viewers: it changes no policy, and QA (often
 * viewers) shares results. Each save costs a probe token, so the table can't
 * be filled faster than results can be produced.
 */
export const POST = defineRoute(api["POST /api/v1/probe-records"], async ({ actor, body }) => {
  takeProbeToken(actor, "probe");
  return json(await createProbeRecord(actor, body), 201);
});
