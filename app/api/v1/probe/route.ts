import { probeRequestSchema } from "@/lib/api/schemas/probe";
import { defineRoute } from "@/lib/server/http/route";
import { runSignedProbe } from "@/lib/server/probe/run-signed-probe";

export const POST = defineRoute({ auth: { role: "viewer" }, body: probeRequestSchema }, async ({ actor, body }) => runSignedProbe(actor, body));
