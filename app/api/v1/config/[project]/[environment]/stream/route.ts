import { streamConfig } from "@/lib/server/config/stream-config";

/** Server-Sent Events: one event per new version (see lib/server/config/README.md). */
export const dynamic = "force-dynamic";

export async function GET(req: Request, context: { params: Promise<{ project: string; environment: string }> }): Promise<Response> {
  return streamConfig(req, await context.params);
}
