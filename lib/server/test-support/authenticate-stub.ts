import type { Actor } from "@/lib/server/auth/actor";

/**
 * The one authentication stub of the integration tests that call route
 * handlers directly: the request's actor is its `x-test-actor` header (the
 * actor as JSON, as `callRoute` and `actorHeaders` send it), none without it.
 * Sessions and tokens themselves are tested elsewhere (auth, route-csrf).
 *
 *   vi.mock("@/lib/server/auth/authenticate", () => import("@/lib/server/test-support/authenticate-stub"));
 */
export async function authenticate(headers: Headers): Promise<Actor | null> {
  const raw = headers.get(ACTOR_HEADER);
  return raw ? (JSON.parse(raw) as Actor) : null;
}

export const ACTOR_HEADER = "x-test-actor";

/** The header that makes `actor` the caller under the stub. */
export function actorHeaders(actor: Actor): Record<string, string> {
  return { [ACTOR_HEADER]: JSON.stringify(actor) };
}

/** A user actor that exists only in the stub (routes that don't look the user up). */
export function stubUser(id: string, role: "viewer" | "editor" | "admin"): Actor {
  return { kind: "user", id, email: `${id}@example.com`, name: id, role };
}
