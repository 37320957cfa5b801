import { AppError } from "@/lib/server/errors";
import { env, publicUrl } from "@/lib/server/env";

/** Methods that change nothing; every other method must come from the dashboard's own pages when a cookie authenticates it. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The origin the request was sent to, as the browser's address bar shows it (from Host). */
export function requestOrigin(request: Request | undefined): string[] {
  if (!request) return [];
  const host = request.headers.get("host");
  if (!host) return [];
  const proto = new URL(request.url).protocol;
  return [`${proto}//${host}`];
}

/**
 * The dashboard's own origins: the public URL, the configured trusted
 * origins and the origin the request was addressed to. better-auth's own
 * check (sign-in, sign-out) and the API's use the same list.
 */
export function dashboardOrigins(request: Request | undefined): string[] {
  const e = env();
  const extra = e.CORSBOARD_TRUSTED_ORIGINS.split(",").map((s) => s.trim()).filter(Boolean);
  return [publicUrl(e), ...extra, ...requestOrigin(request)].map(asOrigin);
}

/** `https://Corsboard.example/base/` → `https://corsboard.example` (what a browser's Origin header says); anything else as written, lowercased. */
function asOrigin(value: string): string {
  try {
    return new URL(value).origin;
  } catch {
    return value.replace(/\/$/, "").toLowerCase();
  }
}

/**
 * CSRF: a request that changes state with the session cookie must come from
 * the dashboard's own pages. SameSite=Lax does not stop a page on another
 * port of the same host or on a sibling subdomain (same site): its form
 * posts carry the cookie. So: the `Origin` header, when present, must be one
 * of the dashboard's origins; without it, `Sec-Fetch-Site: same-origin` must
 * say so; with neither nothing proves where it came from, and it is refused.
 * API tokens (`Authorization: Bearer`) are not sent by browsers on their own
 * and are not checked.
 */
export function assertSameOriginWrite(req: Request): void {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return;
  const origin = req.headers.get("origin");
  if (origin !== null) {
    if (dashboardOrigins(req).includes(origin.toLowerCase())) return;
    throw crossSite(`it was sent by a page of ${origin}`);
  }
  const site = req.headers.get("sec-fetch-site");
  if (site === "same-origin") return;
  throw crossSite(site ? `the browser says it came from a ${site} page (Sec-Fetch-Site)` : "it carries neither Origin nor Sec-Fetch-Site");
}

function crossSite(why: string): AppError {
  return new AppError(
    403,
    "cross_site_request",
    `Refused: this request changes data with your session cookie, but ${why}. Changes are accepted only from Corsboard's own pages; scripts and other services use an API token (Authorization: Bearer).`,
  );
}
