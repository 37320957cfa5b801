import { fromWebRequest } from "@/lib/server/config/config-http";
import { streamConfig, streamToWebResponse } from "@/lib/server/config/stream-config";

/** Server-Sent Events: one event per new version (see lib/server/config/README.md; the fast path serves it in production). */
export const dynamic = "force-dynamic";

export async function GET(req: Request, context: { params: Promise<{ project: string; environment: string }> }): Promise<Response> {
  return streamToWebResponse(await streamConfig(fromWebRequest(req), await context.params));
}
