import { getAuth } from "@/lib/server/auth/auth";

/** The id of the session a request's cookie belongs to (better-auth's getSession), or null. */
export async function currentSessionId(headers: Headers): Promise<string | null> {
  if (!headers.get("cookie")) return null;
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers });
  return session?.session.id ?? null;
}
