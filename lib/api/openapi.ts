import { z } from "zod";
import { apiRoutes, problemSchema } from "@/lib/api/routes";

const schema = (s: z.ZodType, io: "input" | "output") => z.toJSONSchema(s, { io, unrepresentable: "any", target: "openapi-3.0" });

const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

/** OpenAPI 3.0 document of the management API, generated from the shared zod schemas. */
export function buildOpenApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of apiRoutes) {
    const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    const queryParams =
      route.query instanceof z.ZodObject
        ? Object.entries((schema(route.query, "input") as { properties?: Record<string, unknown> }).properties ?? {}).map(([name, s]) => ({ name, in: "query", required: false, schema: s }))
        : [];
    (paths[route.path] ??= {})[route.method] = {
      summary: route.summary,
      security: route.auth === "public" ? [] : route.auth === "config" ? [{ bearer: [] }] : [{ session: [] }, { bearer: [] }],
      ...(route.auth === "public" ? {} : route.auth === "config" ? { "x-token-scope": "config_read" } : { "x-minimum-role": route.auth }),
      parameters: [...pathParams, ...queryParams],
      ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: schema(route.body, "input") } } } } : {}),
      responses: {
        [String(route.status ?? 200)]: { description: "Success", content: { "application/json": { schema: schema(route.response, "output") } } },
        ...(route.auth === "public" ? {} : { "401": problemResponse("No session or API token"), "403": problemResponse("Role too low") }),
        ...(route.body ? { "400": problemResponse("Malformed JSON"), "413": problemResponse("Body too large"), "415": problemResponse("Not JSON"), "422": problemResponse("Invalid fields") } : {}),
      },
    };
  }
  return {
    openapi: "3.0.3",
    info: { title: "Corsboard API", version, description: "Manage and test CORS allowlists. Errors are RFC 9457 problem documents." },
    paths,
    components: {
      schemas: { Problem: schema(problemSchema, "output") },
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "better-auth.session_token" },
        bearer: { type: "http", scheme: "bearer", description: "API token (admin scope for management routes)" },
      },
    },
  };
}
