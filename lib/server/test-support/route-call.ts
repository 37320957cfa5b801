import type { Actor } from "@/lib/server/auth/actor";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type RouteJson = Record<string, unknown> & { errors?: { field: string; message: string }[] };

/**
 * Call a route handler the way Next does, as `actor` — for tests that stub
 * authentication with `x-test-actor` (the actor as JSON). POST when there is
 * a body, GET otherwise, unless `method` says.
 */
export async function callRoute(
  handler: unknown,
  options: { actor: Actor | null; params?: Record<string, string>; body?: unknown; method?: string },
): Promise<{ status: number; json: RouteJson; text: string }> {
  const { actor, params = {}, body } = options;
  const headers: Record<string, string> = {};
  if (actor) headers["x-test-actor"] = JSON.stringify(actor);
  if (body !== undefined) headers["content-type"] = "application/json";
  const method = options.method ?? (body !== undefined ? "POST" : "GET");
  const res = await (handler as Handler)(new Request("http://localhost:3000/api/v1/x", { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) }), {
    params: Promise.resolve(params),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as RouteJson, text };
}

/** Poll `fn` until it returns something other than undefined (or time runs out). */
export async function waitFor<T>(fn: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}
