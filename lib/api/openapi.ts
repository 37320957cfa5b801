import { z } from "zod";
import type { ApiRoute, RouteAuth } from "@/lib/api/route-spec";
import { apiRoutes, problemSchema } from "@/lib/api/routes";

const schema = (s: z.ZodType, io: "input" | "output") => z.toJSONSchema(s, { io, unrepresentable: "any", target: "openapi-3.0" });

const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

/** The properties of an object schema's JSON Schema (params, query). */
function properties(s: z.ZodType): { properties: Record<string, unknown>; required: readonly string[] } {
  const json = schema(s, "input") as { properties?: Record<string, unknown>; required?: string[] };
  return { properties: json.properties ?? {}, required: json.required ?? [] };
}

function parameters(route: ApiRoute) {
  const declared = route.params instanceof z.ZodObject ? properties(route.params).properties : {};
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => {
    const name = m[1] as string;
    return { name, in: "path", required: true, schema: declared[name] ?? { type: "string" } };
  });
  const queryParams = route.query instanceof z.ZodObject ? Object.entries(properties(route.query).properties).map(([name, s]) => ({ name, in: "query", required: false, schema: s })) : [];
  return [...pathParams, ...queryParams];
}

function security(auth: RouteAuth) {
  if ("public" in auth) return { security: [] };
  if ("config" in auth) return { security: [{ bearer: [] }], "x-token-scope": "config_read" };
  return { security: [{ session: [] }, { bearer: [] }], "x-minimum-role": auth.role };
}

/** OpenAPI 3.0 document of the API, generated from the route declarations (lib/api/routes.ts) that the handlers are built from. */
export function buildOpenApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of apiRoutes) {
    const body = route.documentedBody ?? route.body;
    const isPublic = "public" in route.auth;
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      summary: route.summary,
      ...security(route.auth),
      parameters: parameters(route),
      ...(body ? { requestBody: { required: true, content: { "application/json": { schema: schema(body, "input") } } } } : {}),
      responses: {
        [String(route.status ?? 200)]: { description: "Success", content: { "application/json": { schema: schema(route.response, "output") } } },
        ...(isPublic ? {} : { "401": problemResponse("No session or API token"), "403": problemResponse("Role too low") }),
        ...(body ? { "400": problemResponse("Malformed JSON"), "413": problemResponse("Body too large"), "415": problemResponse("Not JSON"), "422": problemResponse("Invalid fields") } : {}),
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
