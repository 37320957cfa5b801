import { api } from "@/lib/api/routes";
import { serveConfig } from "@/lib/server/config/serve-config";
import { defineConfigRoute } from "@/lib/server/http/route";

/**
 * The config API: a service's published CORS policy (config_read token of
 * this environment, or an admin token). See lib/server/config/README.md.
 * In production the custom server answers this path before Next
 * (lib/server/fast-path) with the same serveConfig; this route serves
 * `next dev` and any server started without it.
 */
export const dynamic = "force-dynamic";

export const GET = defineConfigRoute(api["GET /api/v1/config/{project}/{environment}"], serveConfig);
