import type { z } from "zod";
import type { Role } from "@/lib/api/schemas/user";
import type { Actor } from "@/lib/server/auth/actor";
import { authenticate } from "@/lib/server/auth/authenticate";
import { roleAtLeast } from "@/lib/server/auth/roles";
import { forbidden, unauthorized, validationFailed } from "@/lib/server/errors";
import { errorToResponse } from "@/lib/server/http/problem-response";
import { assertSameOriginWrite } from "@/lib/server/http/same-origin";
import { DEFAULT_MAX_BODY_BYTES, readJsonBody } from "@/lib/server/http/read-json-body";
import { unstorableTextErrors } from "@/lib/server/http/unstorable-text";
import { fieldErrorsFromZod } from "@/lib/server/http/zod-errors";

/** Who may call a route. Management routes name the minimum role; admin API tokens act as admins. */
export type RouteAuth = { role: Role } | { public: true };

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<B extends Schema | undefined, Q extends Schema | undefined, P extends Schema | undefined> {
  auth: RouteAuth;
  body?: B;
  query?: Q;
  params?: P;
  maxBodyBytes?: number;
}

export interface RouteContext<B, Q, P, A> {
  req: Request;
  actor: A;
  body: B;
  query: Q;
  params: P;
}

type NextRouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

/**
 * The thin edge every route handler is built with: authenticate, check the
 * role, parse params, query and body with zod, call the handler (which calls
 * one function in lib/), and map any error through the one error mapper.
 * Authentication comes first, so an anonymous caller learns nothing about
 * validation. Before any schema, text the database can't store (NUL, lone
 * surrogates) in any parameter or body field is refused with 422 naming it. A handler returns a Response, or data sent as JSON 200.
 */
export function defineRoute<
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  S extends RouteAuth = RouteAuth,
>(
  spec: RouteSpec<B, Q, P> & { auth: S },
  handler: (ctx: RouteContext<Infer<B>, Infer<Q>, Infer<P>, S extends { public: true } ? Actor | null : Actor>) => Promise<unknown>,
) {
  return async (req: Request, context?: NextRouteContext): Promise<Response> => {
    try {
      const actor = await authenticate(req.headers);
      // The session cookie is sent by the browser on its own: a change made
      // with it must come from the dashboard's pages (CSRF). Tokens are not.
      // (A user actor always comes from the cookie; tests that stub
      // authentication send none.)
      if (actor?.kind === "user" && req.headers.has("cookie")) assertSameOriginWrite(req);
      if ("role" in spec.auth) {
        if (!actor) throw unauthorized();
        if (!actor.role) throw forbidden("This API token can only read configuration; management needs a session or an admin token.");
        if (!roleAtLeast(actor.role, spec.auth.role)) {
          throw forbidden(`This needs the ${spec.auth.role} role; you are ${actor.role === "viewer" ? "a viewer" : `an ${actor.role}`}.`);
        }
      }
      const rawParams = (await context?.params) ?? {};
      const rawQuery = Object.fromEntries(new URL(req.url).searchParams);
      // Text the database can't store is refused here, for every route and
      // field at once (readJsonBody does the same for bodies).
      const unstorable = [...unstorableTextErrors(rawParams, "params"), ...unstorableTextErrors(rawQuery, "query")];
      if (unstorable.length > 0) throw validationFailed(unstorable);
      const params = spec.params ? parseWith(spec.params, rawParams, "params") : undefined;
      const query = spec.query ? parseWith(spec.query, rawQuery, "query") : undefined;
      const body = spec.body
        ? parseWith(spec.body, await readJsonBody(req, spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES), "body")
        : undefined;
      const result = await handler({ req, actor: actor as never, body: body as never, query: query as never, params: params as never });
      if (result instanceof Response) return result;
      return Response.json(result, { headers: { "cache-control": "no-store" } });
    } catch (error) {
      return errorToResponse(error);
    }
  };
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, root: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationFailed(fieldErrorsFromZod(result.error, root));
  return result.data;
}

/** JSON with a status other than 200. */
export function json(data: unknown, status: number, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set("cache-control", "no-store");
  return Response.json(data, { status, headers: h });
}
