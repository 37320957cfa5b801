import { observedReportSchema } from "@/lib/api/schemas/config";
import { authorizeConfigRequest } from "@/lib/server/config/config-access";
import { recordObserved } from "@/lib/server/config/record-observed";
import { validationFailed } from "@/lib/server/errors";
import { errorToResponse } from "@/lib/server/http/problem-response";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { json } from "@/lib/server/http/route";
import { fieldErrorsFromZod } from "@/lib/server/http/zod-errors";

/** The SDK's batches of observed origins, with the same read token it fetches the config with. */
export async function POST(req: Request, context: { params: Promise<{ project: string; environment: string }> }): Promise<Response> {
  try {
    const access = await authorizeConfigRequest(req, await context.params);
    const parsed = observedReportSchema.safeParse(await readJsonBody(req, 512 * 1024));
    if (!parsed.success) throw validationFailed(fieldErrorsFromZod(parsed.error, "body"));
    return json(await recordObserved(access, parsed.data), 202);
  } catch (error) {
    return errorToResponse(error);
  }
}
