import type { z } from "zod";
import type { Role } from "@/lib/api/schemas/user";

/**
 * One route, declared once: the route handler is built from it
 * (lib/server/http/route.ts `defineRoute`) and the OpenAPI document is
 * generated from it (lib/api/openapi.ts), so what is parsed is what is
 * documented.
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Who may call a route:
 * - `{ role }`: a session or an API token with at least that role (admin API tokens act as admins);
 * - `{ public: true }`: anyone (the handler gets the caller when there is one);
 * - `{ config: true }`: a config_read token of the path's environment, or an admin token (the config API for services).
 */
export type RouteAuth = { readonly role: Role } | { readonly public: true } | { readonly config: true };

/** What a route's declaration says, besides its method and path (the key it is declared under). */
export interface RouteDeclaration {
  readonly summary: string;
  readonly auth: RouteAuth;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** Largest JSON body accepted (bytes; default read-json-body's). */
  readonly maxBodyBytes?: number;
  /**
   * The body as documented, when the handler parses it more loosely than it
   * documents it (the import takes any `document` and reports every problem
   * in it with its position itself).
   */
  readonly documentedBody?: z.ZodType;
  readonly response: z.ZodType;
  /** Success status (200 by default). */
  readonly status?: number;
}

export type RouteKey = `${HttpMethod} /${string}`;

/** A declaration with its method and path. */
export type ApiRoute<D = RouteDeclaration> = D & { readonly method: HttpMethod; readonly path: string };

/** The table with every declaration's method and path filled in. */
export type ApiTable<T> = { readonly [K in keyof T]: ApiRoute<T[K]> };

/**
 * The route table: keys are `METHOD /path` (OpenAPI path templates, `{param}`),
 * values their declarations; each comes back with `method` and `path` filled in.
 */
export function defineApi<const T extends Record<RouteKey, RouteDeclaration>>(table: T): ApiTable<T>;
export function defineApi(table: Record<string, RouteDeclaration>): Record<string, ApiRoute> {
  const out: Record<string, ApiRoute> = {};
  for (const [key, declaration] of Object.entries(table)) {
    const space = key.indexOf(" ");
    out[key] = { ...declaration, method: key.slice(0, space) as HttpMethod, path: key.slice(space + 1) };
  }
  return out;
}
