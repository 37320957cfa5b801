import type { BrowserOutcome } from "@/lib/api/schemas/probe-record";

/** How long the browser run waits for the whole answer (headers and the part of the body it reads). */
export const BROWSER_TIMEOUT_MS = 15_000;
/** The most of the response body the run reads; then it cancels the stream (the tester only needs the status and headers). */
export const BROWSER_MAX_BODY_BYTES = 64 * 1024;

export interface RunInBrowserOptions {
  readonly timeoutMs?: number;
  readonly maxBodyBytes?: number;
  /** The fetch to use (tests pass a stub). */
  readonly fetch?: typeof fetch;
}

/**
 * Read at most `limit` bytes of the body, then cancel the stream so a huge
 * (or endless) response is not downloaded. Returns the bytes read.
 */
export async function readBodyPrefix(response: Response, limit: number): Promise<{ bytes: number; truncated: boolean }> {
  const reader = response.body?.getReader();
  if (!reader) return { bytes: 0, truncated: false };
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { bytes, truncated: false };
      bytes += value.byteLength;
      if (bytes >= limit) {
        await reader.cancel().catch(() => undefined);
        return { bytes, truncated: true };
      }
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * Fire the real request from this page: the browser sends its own preflight
 * when one is needed and applies its own CORS checks. Only two outcomes are
 * observable from JavaScript: a Response (allowed), or a TypeError whose
 * message never says why (Fetch Standard §4.1: a network error is opaque to
 * the page by design). A target that doesn't answer within the timeout is
 * aborted (AbortSignal.timeout) and reported as blocked with that reason:
 * the page got nothing it could read.
 */
export async function runInBrowser(url: string, init: RequestInit, pageOrigin: string, options: RunInBrowserOptions = {}): Promise<BrowserOutcome> {
  const timeoutMs = options.timeoutMs ?? BROWSER_TIMEOUT_MS;
  const doFetch = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(timeoutMs);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let response: Response;
  try {
    response = await doFetch(url, { ...init, signal });
  } catch (error) {
    if (signal.aborted) return { outcome: "blocked", error: noAnswer(timeoutMs), durationMs: elapsed(), pageOrigin };
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { outcome: "blocked", error: message, durationMs: elapsed(), pageOrigin };
  }
  // Headers JavaScript can read: the CORS-safelisted response headers plus
  // those named in Access-Control-Expose-Headers.
  const exposedHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    exposedHeaders[name] = value;
  });
  // Read (part of) the body so the duration covers the response; a body that
  // stalls or is cut off doesn't change the verdict: the page could read the response.
  await readBodyPrefix(response, options.maxBodyBytes ?? BROWSER_MAX_BODY_BYTES).catch(() => undefined);
  return { outcome: "allowed", status: response.status, durationMs: elapsed(), pageOrigin, exposedHeaders };
}

function noAnswer(timeoutMs: number): string {
  return `No answer within ${Math.round(timeoutMs / 1000)} s: the tester stopped waiting (TimeoutError).`;
}
