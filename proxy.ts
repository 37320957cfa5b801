// Runs before routing (Next.js 16 "proxy", formerly middleware). Its jobs:
// - refuse paths whose %-escapes don't decode (e.g. /projects/%E0%A4%A),
//   which Next's router would otherwise turn into a 500 when it decodes the
//   dynamic segment. A broken escape is the client's mistake: 400, saying so;
// - answer API paths no route handler serves (404) and methods a route does
//   not take (405 with Allow) as problem documents, like every other API
//   error, instead of Next's HTML not-found page and its bare 405. The
//   routes are the declared ones (lib/api/routes.ts; routes.test.ts checks
//   the list against app/api on disk).
// Authentication is not done here; every route handler and page checks it.

import { NextResponse, type NextRequest } from "next/server";
import { PROBLEM_CONTENT_TYPE } from "@/lib/api/problem";
import { createRouteMatcher } from "@/lib/api/route-match";
import { allRouteKeys } from "@/lib/api/routes";

function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

const matchRoute = createRouteMatcher(allRouteKeys);

function problem(status: number, title: string, code: string, detail: string, headers: Record<string, string> = {}): NextResponse {
  return new NextResponse(JSON.stringify({ type: "about:blank", title, status, code, detail }), {
    status,
    headers: { ...headers, "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store" },
  });
}

export function proxy(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  if (!decodes(pathname)) {
    const detail = "The address has a broken %-escape (each % must be followed by two hex digits forming valid UTF-8). Check the link.";
    if (pathname.startsWith("/api/")) return problem(400, "Bad request", "malformed_path", detail);
    return new NextResponse(`<!doctype html><meta charset="utf-8"><title>Bad address · Corsboard</title><h1>Bad address</h1><p>${detail}</p><p><a href="/">Back to Corsboard</a></p>`, {
      status: 400,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
    });
  }
  if (pathname === "/api" || pathname.startsWith("/api/")) {
    const match = matchRoute(request.method, pathname);
    if (match.kind === "no-route") return problem(404, "Not found", "not_found", `There is no API route ${pathname}; the API is described at /api/v1/openapi.json.`);
    if (match.kind === "wrong-method") {
      const allow = match.allow.join(", ");
      return problem(405, "Method not allowed", "method_not_allowed", `${pathname} does not take ${request.method}; it takes ${allow}.`, { allow });
    }
  }
  return NextResponse.next();
}

export const config = {
  // Everything but Next's own static assets.
  matcher: "/((?!_next/static|_next/image).*)",
};
