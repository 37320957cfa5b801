import { appendVary, handle, type HeaderSource } from "./handle";
import type { CorsboardClient } from "./types";

// Structural types, not fastify's: the SDK must not depend on fastify at
// runtime, nor require its types to be installed. A real FastifyInstance,
// FastifyRequest and FastifyReply satisfy them.
interface FastifyRequestLike {
  method: string;
  headers: HeaderSource;
}
interface FastifyReplyLike {
  code(statusCode: number): FastifyReplyLike;
  header(name: string, value: string): FastifyReplyLike;
  getHeader(name: string): number | string | string[] | undefined;
  send(payload?: unknown): FastifyReplyLike;
}
interface FastifyInstanceLike {
  addHook(name: "onRequest", hook: (request: FastifyRequestLike, reply: FastifyReplyLike, done: (error?: Error) => void) => void): unknown;
  addHook(name: "onSend", hook: (request: FastifyRequestLike, reply: FastifyReplyLike, payload: unknown, done: (error: Error | null, payload: unknown) => void) => void): unknown;
}

export interface CorsboardFastifyOptions {
  client: CorsboardClient;
}

export type CorsboardFastifyPlugin = ((fastify: FastifyInstanceLike, options: CorsboardFastifyOptions, done: (error?: Error) => void) => void) & {
  [key: symbol]: unknown;
};

/**
 * Fastify plugin: `await fastify.register(corsboardFastify, { client })`.
 * An `onRequest` hook — the first hook of the lifecycle, before body parsing,
 * route-level auth hooks and handlers, and also run for routes that don't
 * exist (so OPTIONS needs no route) — answers preflights itself (204 allowed
 * / 403 rejected, no body) and sets the CORS headers on every other request
 * (Vary appended to what is there, never overwritten). Like the Node
 * middleware, a rejected origin's actual request still runs: the browser
 * blocks the response. Registered without encapsulation (the
 * `skip-override` mark fastify-plugin sets), so the hook covers the routes
 * of the instance it is registered on, whatever their prefix.
 */
export const corsboardFastify: CorsboardFastifyPlugin = Object.assign(
  function corsboardFastify(fastify: FastifyInstanceLike, options: CorsboardFastifyOptions, done: (error?: Error) => void): void {
    const client = options?.client;
    if (!client || typeof client.evaluate !== "function") {
      done(new Error("corsboardFastify: pass { client } — the client from createCorsboardClient(…)."));
      return;
    }
    // The Vary of each decision, re-appended in onSend: a handler that sets its own
    // Vary (reply.header replaces) must not drop Origin, or caches would mix origins.
    const varyOf = new WeakMap<FastifyReplyLike, string>();
    const addVary = (reply: FastifyReplyLike, value: string) => {
      const existing = reply.getHeader("vary");
      reply.header("Vary", appendVary(Array.isArray(existing) ? existing.join(", ") : existing === undefined ? null : String(existing), value));
    };
    fastify.addHook("onRequest", (request, reply, next) => {
      const result = handle(client, { method: request.method, headers: request.headers });
      for (const [name, value] of Object.entries(result.headers)) {
        if (name.toLowerCase() === "vary") {
          addVary(reply, value);
          varyOf.set(reply, value);
        } else {
          reply.header(name, value);
        }
      }
      if (result.status !== null) {
        // Answering from onRequest ends the lifecycle here: no parsing, no auth, no handler.
        reply.code(result.status).header("content-length", "0").send();
        return;
      }
      next();
    });
    fastify.addHook("onSend", (_request, reply, payload, next) => {
      const vary = varyOf.get(reply);
      if (vary !== undefined) addVary(reply, vary);
      next(null, payload);
    });
    done();
  },
  {
    [Symbol.for("skip-override")]: true,
    [Symbol.for("fastify.display-name")]: "@corsboard/sdk",
    [Symbol.for("plugin-meta")]: { name: "@corsboard/sdk", fastify: ">=4" },
  },
);
