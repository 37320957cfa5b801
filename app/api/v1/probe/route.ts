import { probeRequestSchema } from "@/lib/api/schemas/probe";
import { defineRoute } from "@/lib/server/http/route";
import { takeProbeToken } from "@/lib/server/probe/probe-limits";
import { probeOptionsFromEnv } from "@/lib/server/probe/probe-options";
import { runProbe } from "@/lib/server/probe/run-probe";

export const POST = defineRoute({ auth: { role: "viewer" }, body: probeRequestSchema }, async ({ actor, body }) => {
  takeProbeToken(actor, "probe");
  return runProbe(body, probeOptionsFromEnv());
});
