import { api } from "@/lib/api/routes";
import { recordObserved } from "@/lib/server/config/record-observed";
import { defineRoute, json } from "@/lib/server/http/route";

/** The SDK's batches of observed origins, with the same read token it fetches the config with. */
export const POST = defineRoute(api["POST /api/v1/config/{project}/{environment}/observed"], async ({ actor, body }) => json(await recordObserved(actor, body), 202));
