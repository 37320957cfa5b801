import { buildOpenApiDocument } from "@/lib/api/openapi";

/**
 * The routes of the OpenAPI document, as tests that walk every route read
 * them (CSRF, fuzzing): a route added to lib/api/routes.ts is walked without
 * editing the test. Each has its route file under app/ and the parameters
 * and body schema the document gives.
 */
export interface DocumentedRoute {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  /** `app/api/…/[param]/route` (import it as `@/${file}`). */
  file: string;
  pathParams: string[];
  queryParams: string[];
  body: JsonSchema | null;
  /** Whether a session cookie authenticates it (management routes, not the config API or public ones). */
  cookieAuth: boolean;
}

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  default?: unknown;
  nullable?: boolean;
};

type Operation = {
  security?: Record<string, unknown>[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content: { "application/json": { schema: JsonSchema } } };
};

export function documentedRoutes(): DocumentedRoute[] {
  const doc = buildOpenApiDocument("test");
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Operation>).map(([method, op]) => ({
      method: method.toUpperCase() as DocumentedRoute["method"],
      path,
      file: `app${path.replace(/\{(\w+)\}/g, "[$1]")}/route`,
      pathParams: (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name),
      queryParams: (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
      body: op.requestBody?.content["application/json"].schema ?? null,
      cookieAuth: (op.security ?? []).some((s) => "session" in s),
    })),
  );
}

/** Strings that pass the usual checks of a field with this name, so a fuzzed neighbour reaches the database. */
function plausibleText(key: string): string {
  const k = key.toLowerCase();
  if (k.includes("origin")) return "https://app.example.com";
  // Loopback: the probe refuses it (SSRF guard) without sending anything.
  if (k.includes("url")) return "http://127.0.0.1:9/x";
  if (k.includes("email")) return "someone@example.com";
  if (k.includes("path")) return "/health";
  if (k === "slug") return "fuzz-new";
  if (k === "password") return "correct horse battery";
  return "x";
}

/** A plausible instance of `schema` (enums take their first value, strings a plausible value for their name), so fuzzed values reach past the first field. */
export function sampleOf(schema: JsonSchema, key = ""): unknown {
  const leaf = plausibleText(key);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => sampleOf(s, key)));
  const alternative = schema.anyOf ?? schema.oneOf;
  if (alternative) return sampleOf(alternative.find((s) => s.type !== "null") ?? alternative[0] ?? {}, key);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(schema.properties ?? {})) out[name] = sampleOf(prop, name);
      if (schema.additionalProperties && typeof schema.additionalProperties === "object") out["X-Fuzz"] = sampleOf(schema.additionalProperties, "X-Fuzz");
      return out;
    }
    case "array":
      return schema.items ? [sampleOf(schema.items, key)] : [];
    case "string":
      return schema.format === "date-time" ? "2030-01-01T00:00:00Z" : schema.format === "date" ? "2030-01-01" : leaf;
    case "integer":
    case "number":
      return schema.minimum ?? 1;
    case "boolean":
      return false;
    default:
      return leaf;
  }
}

/** Paths (key lists) to every primitive and every object key in `value`. */
export function leafPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...at, i]));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...at, k]));
  return [at];
}

/** A deep copy of `value` with the thing at `path` replaced by `replacement`. */
export function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v));
  const obj = value as Record<string, unknown>;
  return { ...obj, [head]: replaceAt(obj[head], rest, replacement) };
}

/** A deep copy of `value` with the object key at the end of `path` renamed to `key`. */
export function renameKeyAt(value: unknown, path: (string | number)[], key: string): unknown {
  if (path.length === 0) return value;
  const parent = path.slice(0, -1);
  const last = path[path.length - 1];
  const holder = parent.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value);
  if (typeof last !== "string" || !holder || typeof holder !== "object" || Array.isArray(holder)) return value;
  const renamed = Object.fromEntries(Object.entries(holder).map(([k, v]) => [k === last ? key : k, v]));
  return replaceAt(value, parent, renamed);
}
