import { getAuth } from "@/lib/server/auth/auth";
import { clearSignInAttempts, reserveSignInAttempt } from "@/lib/server/auth/sign-in-throttle";
import { validationFailed } from "@/lib/server/errors";
import { AUTH_CLIENT_ADDRESS_HEADER, clientAddress } from "@/lib/server/http/client-address";
import { errorToResponse } from "@/lib/server/http/problem-response";
import { readBodyBytes } from "@/lib/server/http/read-json-body";
import { unstorableTextErrors } from "@/lib/server/http/unstorable-text";
import { inAuthRequestScope } from "@/lib/server/auth/oidc-sign-in";
import { oidcSettings, passwordAllowedFor } from "@/lib/server/env";

const SIGN_IN_PATH = /\/sign-in\/email\/?$/;
/**
 * better-auth's own ways of setting a password. Closed: passwords are set
 * through Corsboard's routes (POST /api/v1/me/password, reset links), which
 * hold them to the password rule and audit the change in the same transaction.
 * Also verify-password: a yes/no check of the signed-in user's password that
 * no limit per account counts, so a stolen session could guess the password
 * behind it at the per-address rate from as many addresses as it has
 * (Corsboard never calls it; POST /api/v1/me/password counts its guesses).
 * Also better-auth's own ways of changing an account (update-user,
 * change-email, delete-user): they would change a user's name, picture, email
 * or existence with no audit entry and around the admin's say; accounts change
 * through Corsboard's user routes, each change audited in its transaction.
 */
const CLOSED_PATHS = /\/api\/auth\/(change-password|set-password|reset-password|request-password-reset|forget-password|verify-password|update-user|change-email|delete-user)(\/|$)/;
/** Sign-in, sign-out, profile and password bodies are a few hundred bytes; nothing bigger is read into memory. */
const MAX_AUTH_BODY_BYTES = 64 * 1024;

/**
 * better-auth's endpoints (app/api/auth/[...all]), with what it can't do
 * alone:
 * - its per-address limit counts the address the edge saw (client-address.ts),
 *   not an X-Forwarded-For the client wrote — rotating that header changes
 *   nothing; an address that can't be known is one shared bucket;
 * - a per-account limit (sign-in-throttle.ts), so many addresses (a botnet)
 *   get no more guesses at one account than one address does;
 * - its 429 carries a standard Retry-After;
 * - bodies over 64 KiB are refused (413) before they are held in memory;
 * - text the database can't store (NUL, a lone surrogate; unstorable-text.ts)
 *   is a 422 naming the field, as on every other route, not a 500 from the
 *   database;
 * - its password and account endpoints are closed (CLOSED_PATHS).
 */
export async function handleAuthRequest(req: Request): Promise<Response> {
  const closed = CLOSED_PATHS.exec(new URL(req.url).pathname);
  if (closed) return closedPath(closed[1]!);
  const auth = await getAuth();
  const headers = new Headers(req.headers);
  headers.delete(AUTH_CLIENT_ADDRESS_HEADER);
  const address = clientAddress(req.headers);
  if (address) headers.set(AUTH_CLIENT_ADDRESS_HEADER, address);
  let body: ArrayBuffer | undefined;
  if (req.method !== "GET" && req.method !== "HEAD") {
    try {
      const bytes = await readBodyBytes(req, MAX_AUTH_BODY_BYTES);
      body = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    } catch (error) {
      return errorToResponse(error);
    }
  }
  const forwarded = new Request(req.url, { method: req.method, headers, body, signal: req.signal });

  const fields = readFields(req.headers.get("content-type"), body);
  const unstorable = unstorableTextErrors(fields, "body");
  if (unstorable.length > 0) return errorToResponse(validationFailed(unstorable));

  const email = req.method === "POST" && SIGN_IN_PATH.test(new URL(req.url).pathname) ? emailOf(fields) : null;
  if (email && !passwordAllowedFor(email)) return ssoOnly();
  if (email) {
    const reservation = await reserveSignInAttempt(email);
    if (!reservation.allowed) return tooManyForAccount(reservation.retryAfterSeconds);
  }
  const res = await inAuthRequestScope(() => auth.handler(forwarded));
  if (email && res.status === 200) await clearSignInAttempts(email);
  return withRetryAfter(res);
}

/**
 * A body as better-auth reads it (better-call's getBody): JSON, or
 * application/x-www-form-urlencoded fields (its sign-in takes both; the last
 * of a repeated field wins in both) — tested in the same order, JSON first,
 * so a type naming both is read as it reads it. Anything else: null (it is
 * refused by better-auth or carries no text fields).
 */
function readFields(contentType: string | null, body: ArrayBuffer | undefined): unknown {
  if (!body) return null;
  const type = (contentType ?? "").toLowerCase();
  const text = new TextDecoder().decode(body);
  if (!/^application\/([a-z0-9.+-]*\+)?json/.test(type) && type.includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The email of a sign-in body, when it has one (anything else is refused by better-auth before a password is checked). */
function emailOf(fields: unknown): string | null {
  const email = fields && typeof fields === "object" ? (fields as { email?: unknown }).email : undefined;
  return typeof email === "string" && email.trim() !== "" ? email : null;
}

const ACCOUNT_PATHS = new Set(["update-user", "change-email", "delete-user"]);

function closedPath(endpoint: string): Response {
  const message = ACCOUNT_PATHS.has(endpoint)
    ? "Accounts are changed by an admin on the Users page (PATCH /api/v1/users/{id}), where each change is audited."
    : "Passwords are changed with POST /api/v1/me/password, or reset with a link an admin issues (POST /api/v1/users/{id}/password-reset).";
  return new Response(JSON.stringify({ type: "about:blank", title: "Not found", status: 404, code: "not_found", detail: message, message }), {
    status: 404,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store" },
  });
}

/** SSO-only mode (CORSBOARD_SSO_ONLY=1): passwords are refused for every account but the break-glass one. */
function ssoOnly(): Response {
  const name = oidcSettings()?.name ?? "single sign-on";
  const message = `Passwords are turned off: sign in with ${name}.`;
  return new Response(JSON.stringify({ type: "about:blank", title: "Forbidden", status: 403, code: "sso_only", detail: message, message }), {
    status: 403,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
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
