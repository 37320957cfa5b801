import type { z } from "zod";
import type { RouteAuth } from "@/lib/api/route-spec";
import type { Actor } from "@/lib/server/auth/actor";
import { authenticate } from "@/lib/server/auth/authenticate";
import { roleAtLeast } from "@/lib/server/auth/roles";
import { authorizeConfigRequest, type ConfigAccess } from "@/lib/server/config/config-access";
import { fromWebRequest, type ConfigHttpRequest, type ConfigParams, type ConfigReply, type MaybePromise } from "@/lib/server/config/config-http";
import { streamToWebResponse, type ConfigStream } from "@/lib/server/config/stream-config";
import { forbidden, unauthorized, validationFailed } from "@/lib/server/errors";
import { errorToResponse } from "@/lib/server/http/problem-response";
import { assertSameOriginWrite } from "@/lib/server/http/same-origin";
import { DEFAULT_MAX_BODY_BYTES, readJsonBody } from "@/lib/server/http/read-json-body";
import { unstorableTextErrors } from "@/lib/server/http/unstorable-text";
import { fieldErrorsFromZod } from "@/lib/server/http/zod-errors";

/** Who may call a route (lib/api/route-spec.ts): the minimum role, public, or the config API's token. */
export type { RouteAuth };

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * What defineRoute needs of a route's declaration (lib/api/routes.ts: pass
 * `api["METHOD /path"]`, which also documents it); a literal spec still works.
 */
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

/** The caller a handler gets: the config API's access for `config`, maybe nobody for `public`, else a signed-in user or token. */
type CallerOf<S extends RouteAuth> = S extends { config: true } ? ConfigAccess : S extends { public: true } ? Actor | null : Actor;

/**
 * The thin edge every route handler is built with: authenticate, check the
 * role, parse params, query and body with zod, call the handler (which calls
 * one function in lib/), and map any error through the one error mapper.
 * Authentication comes first, so an anonymous caller learns nothing about
 * validation. Before any schema, text the database can't store (NUL, lone
 * surrogates) in any parameter or body field is refused with 422 naming it. A handler returns a Response, or data sent as JSON 200.
 *
 * `auth: { config: true }` (the config API for services): no session, no
 * CSRF check; the bearer token is authorised for the path's environment by
 * authorizeConfigRequest — the same function the fast path's serveConfig
 * uses — and the handler gets that ConfigAccess as `actor`.
 */
export function defineRoute<
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  S extends RouteAuth = RouteAuth,
>(
  spec: RouteSpec<B, Q, P> & { auth: S },
  handler: (ctx: RouteContext<Infer<B>, Infer<Q>, Infer<P>, CallerOf<S>>) => Promise<unknown>,
) {
  return async (req: Request, context?: NextRouteContext): Promise<Response> => {
    try {
      const rawParams = (await context?.params) ?? {};
      const actor = "config" in spec.auth ? await authorizeConfigRequest(req, configParams(rawParams)) : await authenticateCaller(req, spec.auth);
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

/** A session or API token caller, checked against the route's minimum role. */
async function authenticateCaller(req: Request, auth: Exclude<RouteAuth, { config: true }>): Promise<Actor | null> {
    const actor = await authenticate(req.headers);
    // The session cookie is sent by the browser on its own: a change made
    // with it must come from the dashboard's pages (CSRF). Tokens are not.
    // (A user actor always comes from the cookie; tests that stub
    // authentication send none.)
    if (actor?.kind === "user" && req.headers.has("cookie")) assertSameOriginWrite(req);
    if ("role" in auth) {
      if (!actor) throw unauthorized();
      if (!actor.role) throw forbidden("This API token can only read configuration; management needs a session or an admin token.");
      if (!roleAtLeast(actor.role, auth.role)) {
        throw forbidden(`This needs the ${auth.role} role; you are ${actor.role === "viewer" ? "a viewer" : `an ${actor.role}`}.`);
      }
    }
    return actor;
}

/** The config API's path parameters as authorizeConfigRequest takes them. */
function configParams(raw: Record<string, string | string[] | undefined>): { project?: string; environment?: string } {
  const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
  const project = one(raw.project);
  const environment = one(raw.environment);
  return { ...(project === undefined ? {} : { project }), ...(environment === undefined ? {} : { environment }) };
}

/**
 * A config API route that the production fast path answers too, ahead of
 * Next (GET config and its SSE stream; lib/server/fast-path). `answer` is
 * the one transport-independent implementation both use (serveConfig,
 * streamConfig): it authorises the token as `auth: { config: true }` says
 * (authorizeConfigRequest) and parses the declared query, so node's req/res
 * and Next answer byte for byte alike; this adapts it to Next's Request and
 * Response.
 */
export function defineConfigRoute(
  _spec: { auth: { config: true } },
  answer: (req: ConfigHttpRequest, params: ConfigParams) => MaybePromise<ConfigReply | ConfigStream>,
): (req: Request, context: { params: Promise<ConfigParams> }) => Promise<Response> {
  return async (req, context) => streamToWebResponse(await answer(fromWebRequest(req), await context.params));
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
