import { fromWebRequest, toWebResponse } from "@/lib/server/config/config-http";
import { serveConfig } from "@/lib/server/config/serve-config";

/**
 * The config API: a service's published CORS policy (config_read token of
 * this environment, or an admin token). See lib/server/config/README.md.
 * In production the custom server answers this path before Next
 * (lib/server/fast-path) with the same serveConfig; this route serves
 * `next dev` and any server started without it.
 */
export const dynamic = "force-dynamic";

export async function GET(req: Request, context: { params: Promise<{ project: string; environment: string }> }): Promise<Response> {
  return toWebResponse(await serveConfig(fromWebRequest(req), await context.params));
}
