import { getAuth } from "@/lib/server/auth/auth";
import { clearSignInAttempts, reserveSignInAttempt } from "@/lib/server/auth/sign-in-throttle";
import { AUTH_CLIENT_ADDRESS_HEADER, clientAddress } from "@/lib/server/http/client-address";

const SIGN_IN_PATH = /\/sign-in\/email\/?$/;

/**
 * better-auth's endpoints (app/api/auth/[...all]), with what it can't do
 * alone:
 * - its per-address limit counts the address the edge saw (client-address.ts),
 *   not an X-Forwarded-For the client wrote — rotating that header changes
 *   nothing; an address that can't be known is one shared bucket;
 * - a per-account limit (sign-in-throttle.ts), so many addresses (a botnet)
 *   get no more guesses at one account than one address does;
 * - its 429 carries a standard Retry-After.
 */
export async function handleAuthRequest(req: Request): Promise<Response> {
  const auth = await getAuth();
  const headers = new Headers(req.headers);
  headers.delete(AUTH_CLIENT_ADDRESS_HEADER);
  const address = clientAddress(req.headers);
  if (address) headers.set(AUTH_CLIENT_ADDRESS_HEADER, address);
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : await req.arrayBuffer();
  const forwarded = new Request(req.url, { method: req.method, headers, body, signal: req.signal });

  const email = req.method === "POST" && SIGN_IN_PATH.test(new URL(req.url).pathname) ? emailOf(req.headers.get("content-type"), body) : null;
  if (email) {
    const reservation = await reserveSignInAttempt(email);
    if (!reservation.allowed) return tooManyForAccount(reservation.retryAfterSeconds);
  }
  const res = await auth.handler(forwarded);
  if (email && res.status === 200) await clearSignInAttempts(email);
  return withRetryAfter(res);
}

/**
 * The email of a sign-in body, read the way better-auth (better-call's
 * getBody) reads it: its sign-in takes JSON and
 * application/x-www-form-urlencoded (the last `email` field wins in both).
 * Any other body is refused by better-auth before a password is checked.
 */
function emailOf(contentType: string | null, body: ArrayBuffer | undefined): string | null {
  if (!body) return null;
  const text = new TextDecoder().decode(body);
  const type = (contentType ?? "").toLowerCase();
  let email: unknown;
  // The same tests in the same order as better-call (JSON first), so a type naming both is read as it reads it.
  if (!/^application\/([a-z0-9.+-]*\+)?json/.test(type) && type.includes("application/x-www-form-urlencoded")) {
    email = new URLSearchParams(text).getAll("email").at(-1);
  } else {
    try {
      email = (JSON.parse(text) as { email?: unknown } | null)?.email;
    } catch {
      return null;
    }
  }
  return typeof email === "string" && email.trim() !== "" ? email : null;
}

function tooManyForAccount(retryAfterSeconds: number): Response {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const message = `Too many failed sign-ins for this account: try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or ask an admin.`;
  // better-auth's client reads `message`; the problem members are for everyone else.
  return new Response(JSON.stringify({ type: "about:blank", title: "Too many requests", status: 429, code: "account_locked", detail: message, message }), {
    status: 429,
    headers: { "content-type": "application/json", "retry-after": String(retryAfterSeconds), "cache-control": "no-store" },
  });
}

/** better-auth answers its own 429 with X-Retry-After only. */
function withRetryAfter(res: Response): Response {
  const retry = res.headers.get("x-retry-after");
  if (res.status !== 429 || !retry || res.headers.has("retry-after")) return res;
  const headers = new Headers(res.headers);
  headers.set("retry-after", retry);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}
