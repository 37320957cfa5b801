import { buildOpenApiDocument } from "@/lib/api/openapi";
import { CORSBOARD_VERSION } from "@/lib/server/version";

/** Public: the API's documentation, not its data. */
export function GET(): Response {
  return Response.json(buildOpenApiDocument(CORSBOARD_VERSION));
}
