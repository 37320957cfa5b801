import type { BrowserOutcome } from "@/lib/api/schemas/probe-record";

/**
 * Fire the real request from this page: the browser sends its own preflight
 * when one is needed and applies its own CORS checks. Only two outcomes are
 * observable from JavaScript: a Response (allowed), or a TypeError whose
 * message never says why (Fetch Standard §4.1: a network error is opaque to
 * the page by design).
 */
export async function runInBrowser(url: string, init: RequestInit, pageOrigin: string): Promise<BrowserOutcome> {
  const started = performance.now();
  try {
    const response = await fetch(url, init);
    // Headers JavaScript can read: the CORS-safelisted response headers plus
    // those named in Access-Control-Expose-Headers.
    const exposedHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      exposedHeaders[name] = value;
    });
    // Drain the body so the duration covers the whole response.
    await response.arrayBuffer().catch(() => undefined);
    return { outcome: "allowed", status: response.status, durationMs: Math.round(performance.now() - started), pageOrigin, exposedHeaders };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { outcome: "blocked", error: message, durationMs: Math.round(performance.now() - started), pageOrigin };
  }
}
