// Runs before routing (Next.js 16 "proxy", formerly middleware). Its one job:
// refuse paths whose %-escapes don't decode (e.g. /projects/%E0%A4%A), which
// Next's router would otherwise turn into a 500 when it decodes the dynamic
// segment. A broken escape is the client's mistake: 400, saying so.
// Authentication is not done here; every route handler and page checks it.

import { NextResponse, type NextRequest } from "next/server";
import { PROBLEM_CONTENT_TYPE } from "@/lib/api/problem";

function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export function proxy(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  if (decodes(pathname)) return NextResponse.next();
  const detail = "The address has a broken %-escape (each % must be followed by two hex digits forming valid UTF-8). Check the link.";
  if (pathname.startsWith("/api/")) {
    return new NextResponse(JSON.stringify({ type: "about:blank", title: "Bad request", status: 400, code: "malformed_path", detail }), {
      status: 400,
      headers: { "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store" },
    });
  }
  return new NextResponse(`<!doctype html><meta charset="utf-8"><title>Bad address · Corsboard</title><h1>Bad address</h1><p>${detail}</p><p><a href="/">Back to Corsboard</a></p>`, {
    status: 400,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}

export const config = {
  // Everything but Next's own static assets.
  matcher: "/((?!_next/static|_next/image).*)",
};
