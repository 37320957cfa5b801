import { api } from "@/lib/api/routes";
import { defineRoute } from "@/lib/server/http/route";
import { runSignedProbe } from "@/lib/server/probe/run-signed-probe";

export const POST = defineRoute(api["POST /api/v1/probe"], async ({ actor, body }) => runSignedProbe(actor, body));
