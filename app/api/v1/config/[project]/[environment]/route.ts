import { serveConfig } from "@/lib/server/config/serve-config";

/**
 * The config API: a service's published CORS policy (config_read token of
 * this environment, or an admin token). See lib/server/config/README.md.
 */
export const dynamic = "force-dynamic";

export async function GET(req: Request, context: { params: Promise<{ project: string; environment: string }> }): Promise<Response> {
  return serveConfig(req, await context.params);
}
