import { api } from "@/lib/api/routes";
import { streamConfig } from "@/lib/server/config/stream-config";
import { defineConfigRoute } from "@/lib/server/http/route";

/** Server-Sent Events: one event per new version (see lib/server/config/README.md; the fast path serves it in production). */
export const dynamic = "force-dynamic";

export const GET = defineConfigRoute(api["GET /api/v1/config/{project}/{environment}/stream"], streamConfig);
