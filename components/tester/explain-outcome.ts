// Plain-language readings of a tester run: what the server probe found, and
// whether it agrees with what the browser did.

import type { BrowserOutcome } from "@/lib/api/schemas/probe-record";
import type { ProbeResultDoc } from "@/lib/api/schemas/probe";

/**
 * The one sentence at the top of the probe's result. A preflight block is
 * worded for the classic misreading: the browser says "Failed to fetch", the
 * API has auth, so developers suspect auth — but the preflight (OPTIONS,
 * never credentialed) was rejected and the real request was never sent.
 */
export function explainProbe(result: ProbeResultDoc, request: { method: string; origin: string }, browser?: BrowserOutcome["outcome"]): string {
  if (result.verdict === "allowed") {
    if (result.preflight.required && result.actual === null) {
      return `The preflight passes: a page on ${request.origin} may send this ${request.method}. The actual response was not checked (it was not sent, as it may have side effects), so it still needs Access-Control-Allow-Origin too.`;
    }
    return `Allowed: a page on ${request.origin} can make this request and read the response.`;
  }
  const why = result.failure?.message ?? "the CORS checks failed.";
  if (result.stage === "preflight") {
    if (result.preflight.error) return `The browser blocks this before sending it: the preflight failed (${result.preflight.error}). ${why}`;
    // Past tense only when this browser did block it; otherwise (server mode,
    // or a disagreement) it is what a browser sending a fresh preflight does.
    const status = result.preflight.status;
    if (status === 401) {
      // Authentication answered the preflight before CORS could: the handler
      // never ran, but the auth code did — say exactly that. (403 without
      // CORS headers is also how CORS layers refuse an origin: not assumed auth.)
      return `${browser === "blocked" ? "The browser blocked this" : "A browser blocks this"} at the preflight: authentication answered the OPTIONS preflight with ${status} before CORS could add its headers. ${withOrigin(why, request.origin)} Browsers never send credentials on a preflight, so this is not your token being wrong: your ${request.method} handler ${browser === "blocked" ? "never ran" : "would never run"} — answer OPTIONS before the auth check.`;
    }
    return browser === "blocked"
      ? `The browser blocked this at the preflight: ${withOrigin(why, request.origin)} Your ${request.method} handler — and its auth code — never ran; the request itself was never sent.`
      : `A browser blocks this at the preflight: ${withOrigin(why, request.origin)} Your ${request.method} handler — and its auth code — would never run; the request itself is never sent.`;
  }
  if (result.actual?.error) return `The request failed on the network: ${result.actual.error}. ${why}`;
  return `The request reached the server${result.actual?.status ? ` (it answered ${result.actual.status})` : ""}, but the browser hides the response from the page: ${why}`;
}

/** The failure text with the page's origin named, unless it already is ("… header (Origin: https://app.example.com)."). */
function withOrigin(message: string, origin: string): string {
  if (message.includes(origin)) return message;
  return `${message.replace(/\.\s*$/, "")} (Origin: ${origin}).`;
}

/** What the browser's own result means, given that browsers hide the reason of a CORS failure. */
export function explainBrowser(browser: BrowserOutcome): string {
  if (browser.outcome === "allowed") return `The browser allowed it: status ${browser.status ?? "?"}, response readable from JavaScript.`;
  if (browser.outcome === "blocked" && isBrowserTimeout(browser)) return "The browser got nothing back in time and stopped waiting — not a CORS refusal: a slow or hanging target looks like this. The server probe shows what the target answered Corsboard.";
  if (browser.outcome === "blocked")
    return `The browser blocked it with a TypeError (“${browser.error ?? "Failed to fetch"}”). Browsers give JavaScript no reason — a CORS refusal, a refused connection and a DNS failure all look the same; the server probe shows which it was.`;
  return "Not run in the browser (server probe only).";
}

/** The browser run gave up waiting (see run-in-browser.ts): not a CORS refusal. */
export function isBrowserTimeout(browser: BrowserOutcome): boolean {
  return browser.outcome === "blocked" && (browser.error ?? "").startsWith("No answer within");
}

export type Agreement =
  | { readonly kind: "agree"; readonly title: string }
  | { readonly kind: "disagree"; readonly title: string; readonly explanation: string; readonly causes: readonly string[] }
  | { readonly kind: "incomplete"; readonly title: string };

/**
 * Compare the browser's outcome with the probe's verdict for the same request
 * from the same origin. Null when there is nothing to compare (the browser
 * did not run).
 */
export function compareOutcomes(browser: BrowserOutcome, result: ProbeResultDoc | null, options: { credentials?: string; browserCache?: string } = {}): Agreement | null {
  if (browser.outcome === "not-run") return null;
  if (!result) return { kind: "incomplete", title: "The server probe did not run, so there is nothing to compare the browser's result with." };
  const networkError = result.preflight.error ?? result.actual?.error ?? null;
  if (isBrowserTimeout(browser) && networkError) return { kind: "agree", title: `Neither the browser nor the server probe got an answer from the target (the probe: ${networkError}).` };
  if (browser.outcome === "blocked" && networkError) {
    // Both "blocked", but for unrelated reasons as far as we know: the probe
    // never got a response, so it can't explain the browser's TypeError.
    return { kind: "incomplete", title: `The server probe got no response (${networkError}), so it can't tell why the browser blocked this: a CORS refusal and a network failure look the same to the page. Make the target reachable from where Corsboard runs, then run again.` };
  }
  if (browser.outcome === result.verdict) {
    return {
      kind: "agree",
      title: browser.outcome === "allowed" ? "The browser and the server probe agree: allowed." : `The browser and the server probe agree: blocked${result.stage ? ` at the ${result.stage === "preflight" ? "preflight" : "actual response"}` : ""}.`,
    };
  }
  if (browser.outcome === "allowed" && networkError) {
    // Not a CORS disagreement at all: the probe never got an answer. Say so
    // first, or the user chases a CDN that doesn't exist.
    return {
      kind: "disagree",
      title: "The browser allowed this, but the server probe could not reach the target.",
      explanation: `The probe got no response: ${networkError}. Its verdict says nothing about CORS.`,
      causes: [
        "The name resolves where this browser runs but not where Corsboard runs: a hosts-file entry, a VPN or split DNS, or a test host mapped only in the browser (CORSBOARD_PROBE_HOST_MAP maps such names for the probe).",
        "A firewall lets this browser through but not the Corsboard server, or the target only listens on an address Corsboard can't reach.",
        "The target is slow: the probe gives each request 5 s.",
      ],
    };
  }
  if (browser.outcome === "allowed") {
    // Only a run with cache "default" can reuse a cached preflight: with
    // "no-store" Chromium preflights afresh, so that cause is ruled out.
    const causes = [
      ...(result.stage === "preflight" && options.browserCache === "default"
        ? [
            `A cached preflight: this browser reused an earlier preflight answer (kept for up to Access-Control-Max-Age seconds; Chromium caps it at 2 hours), given under an earlier policy; the probe always sends a fresh one. Run again without “reuse cached preflights” to see the server's current answer — your users' browsers will get it once their cache expires.`,
          ]
        : []),
      "A proxy, CDN or WAF that answers browsers differently — e.g. keyed on the User-Agent or on cookies (the probe sends neither a browser User-Agent nor cookies).",
      ...(options.credentials === "include" ? ["Cookies the browser sent changed the response (e.g. a signed-in session routes to another backend)."] : []),
      "A different network path: the browser and the Corsboard server may resolve the name to different addresses (split DNS, VPN, /etc/hosts), reaching different servers.",
    ];
    return {
      kind: "disagree",
      title: "The browser allowed this, but the server probe says a browser would block it.",
      explanation: `The probe saw: ${result.failure?.message ?? "a blocked request"} The server is not answering everyone the same way; what your users' browsers get may differ from what this browser got.`,
      causes,
    };
  }
  const causes = [
    ...(isBrowserTimeout(browser) ? ["The target did not answer this browser in time (the tester waits 15 s): it may hang on requests from browsers, or on this network path."] : []),
    ...(result.preflight.required && result.actual === null
      ? ["The probe stopped after the preflight (the actual request was not sent, as it may have side effects), so a block on the actual response — missing Access-Control-Allow-Origin on the real answer, or credentials not allowed — was not checked. Tick “also send the actual request” to check it."]
      : []),
    "The browser could not reach the server the way Corsboard did: DNS, VPN, firewall, an untrusted TLS certificate, or mixed content (an https page fetching http://).",
    "A proxy, CDN or WAF that answers browsers differently — e.g. keyed on the User-Agent or on cookies.",
    ...(options.credentials === "include" ? ["Cookies the browser sent changed the response."] : []),
    "A browser extension (ad or privacy blocker) cancelled the request, or the browser's Private/Local Network Access rules refused it.",
  ];
  return {
    kind: "disagree",
    title: "The browser blocked this, but the server probe says a browser would allow it.",
    explanation: `The browser reported “${browser.error ?? "Failed to fetch"}” while the server probe's responses pass every CORS check. Something differs between the two requests' paths.`,
    causes,
  };
}
