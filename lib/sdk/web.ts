import { appendVary, handle, type HandleResult } from "./handle";
import type { CorsboardClient } from "./types";

/**
 * Fetch-API adapters (Next.js route handlers, and any framework built on Web
 * Request/Response); no Next.js import.
 *
 *   const cors = withCors(client, async (request) => Response.json(await listOrders(request)));
 *   export { cors as GET, cors as POST };
 *   export const OPTIONS = preflightHandler(client);
 *
 * Preflights are answered before the handler runs (so before any auth in it).
 */
export function withCors<A extends unknown[]>(
  client: CorsboardClient,
  handler: (request: Request, ...rest: A) => Response | Promise<Response>,
): (request: Request, ...rest: A) => Promise<Response> {
  return async (request, ...rest) => {
    const result = handle(client, { method: request.method, headers: request.headers });
    if (result.status !== null) return new Response(null, { status: result.status, headers: result.headers });
    return applyCorsHeaders(await handler(request, ...rest), result);
  };
}

/** For `export const OPTIONS`: answers preflights; a plain OPTIONS request gets 204 with the CORS headers. */
export function preflightHandler(client: CorsboardClient): (request: Request) => Promise<Response> {
  return withCors(client, () => new Response(null, { status: 204 }));
}

/** Sets a decision's headers on a response (Vary appended); copies the response when its headers are immutable. */
export function applyCorsHeaders(response: Response, result: Pick<HandleResult, "headers">): Response {
  const entries = Object.entries(result.headers);
  if (entries.length === 0) return response;
  const set = (headers: Headers) => {
    for (const [name, value] of entries) {
      if (name.toLowerCase() === "vary") headers.set("Vary", appendVary(headers.get("vary"), value));
      else headers.set(name, value);
    }
  };
  try {
    set(response.headers);
    return response;
  } catch {
    // Response.redirect(), Response.error() and fetched responses have immutable headers.
    const copy = new Response(response.body, { status: response.status, statusText: response.statusText, headers: new Headers(response.headers) });
    set(copy.headers);
    return copy;
  }
}
