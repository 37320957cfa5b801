// The tester's request as text to run elsewhere: a curl command (any Origin,
// nothing enforced: read the CORS headers yourself) and a fetch() call to paste
// in the DevTools console of the app's own page, the only way to send it from
// that origin in a browser. Pure: the same TesterRequest the probe gets.

import type { TesterRequest } from "@/lib/api/schemas/probe-record";

/** A single-quoted shell word: safe for any text (a quote becomes '\''). */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

const SAFELISTED_CONTENT_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];
const SAFELISTED_HEADERS = ["accept", "accept-language", "content-language"];

/**
 * The request headers a browser would name in Access-Control-Request-Headers
 * (Fetch Standard "CORS-unsafe request-header names", simplified: names not
 * safelisted, and a Content-Type outside the three safelisted types), sorted
 * and lowercased as Chromium sends them.
 */
export function unsafeHeaderNames(headers: Record<string, string>): string[] {
  return Object.entries(headers)
    .filter(([name, value]) => {
      const lower = name.toLowerCase();
      if (SAFELISTED_HEADERS.includes(lower)) return false;
      if (lower === "content-type") return !SAFELISTED_CONTENT_TYPES.includes(value.split(";")[0]!.trim().toLowerCase());
      return true;
    })
    .map(([name]) => name.toLowerCase())
    .sort();
}

/** Whether a browser sends a preflight first: a method other than GET/HEAD/POST, or a header that isn't safelisted. */
export function needsPreflight(request: Pick<TesterRequest, "method" | "headers">): boolean {
  return !["GET", "HEAD", "POST"].includes(request.method) || unsafeHeaderNames(request.headers).length > 0;
}

/**
 * curl commands for the request as sent from `request.origin`: the preflight
 * the browser would send first (when it would), then the request itself, with
 * `-i` so the Access-Control-* response headers show. curl enforces nothing:
 * a blocked request still gets its response there.
 */
export function curlSnippet(request: TesterRequest): string {
  const url = shellQuote(request.url);
  const origin = `-H ${shellQuote(`Origin: ${request.origin}`)}`;
  const lines: string[] = [];
  if (needsPreflight(request)) {
    const unsafe = unsafeHeaderNames(request.headers);
    lines.push(
      "# The preflight a browser sends first:",
      [`curl -i -X OPTIONS ${url}`, origin, `-H ${shellQuote(`Access-Control-Request-Method: ${request.method}`)}`, ...(unsafe.length > 0 ? [`-H ${shellQuote(`Access-Control-Request-Headers: ${unsafe.join(",")}`)}`] : [])].join(" \\\n  "),
      "# Then the request itself:",
    );
  }
  const parts = [`curl -i${request.method === "GET" ? "" : request.method === "HEAD" ? " --head" : ` -X ${request.method}`} ${url}`, origin];
  for (const [name, value] of Object.entries(request.headers)) parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  if (request.body && request.body.text) parts.push(`--data-raw ${shellQuote(request.body.text)}`);
  if (request.credentials === "include") parts.push("-b 'name=value'  # the cookies the browser would send");
  lines.push(parts.join(" \\\n  "));
  return lines.join("\n");
}

/**
 * A fetch() to paste in the DevTools console of a page of the app: the
 * browser then sends it from that page's origin, with its own preflight and
 * the app's cookies (with credentials "include"), and logs what JavaScript
 * could read — or the TypeError a blocked request throws. `appOrigin`, when
 * known (probing as another origin), is named in the comment.
 */
export function fetchSnippet(request: TesterRequest, appOrigin?: string): string {
  const init: Record<string, unknown> = { method: request.method };
  if (Object.keys(request.headers).length > 0) init.headers = request.headers;
  if (request.body) init.body = request.body.text;
  init.mode = "cors";
  init.credentials = request.browserCredentials ?? request.credentials;
  const json = JSON.stringify(init, null, 2).replace(/\n/g, "\n  ");
  return [
    appOrigin
      ? `// Paste in the DevTools console of a page open on ${appOrigin}: the browser sends it from that origin.`
      : "// Paste in the DevTools console of a page of your app: the browser sends it from that page's origin.",
    `await fetch(${JSON.stringify(request.url)}, ${json})`,
    `  .then((r) => { console.log("allowed:", r.status, [...r.headers]); return r.text(); })`,
    `  .catch((e) => console.error("blocked (see the console's CORS message):", e));`,
  ].join("\n");
}
