// What a request's URL and the requesting page's origin must be for fetch()
// to send a CORS request: the one definition of "absolute http(s) URL without
// user name or password", shared by the probe API's schema, the probe's SSRF
// guard (and so webhooks), the browser simulator, the webhook schema and the
// Tester form. Each caller words the problem for its own reader.

export type RequestUrlCheck = { readonly ok: true; readonly url: URL } | RequestUrlRefusal;

/** Why a URL is not a request target (`href`: the URL as parsed, for callers that echo it). */
export type RequestUrlRefusal =
  | { readonly ok: false; readonly problem: "not-absolute" }
  /** `userinfo`: the URL also has a user name or password (fetch() rejects those first, before it looks at the scheme). */
  | { readonly ok: false; readonly problem: "scheme"; readonly protocol: string; readonly href: string; readonly userinfo: boolean }
  | { readonly ok: false; readonly problem: "userinfo"; readonly href: string };

export type RequestUrlProblem = RequestUrlRefusal["problem"];

/**
 * An absolute http(s) URL without user name or password (fetch() refuses
 * those). The scheme is reported before the user name: that order is the
 * probe's and the forms'; the simulator, which follows fetch()'s order,
 * reads `userinfo` on a scheme refusal.
 */
export function checkRequestUrl(text: string): RequestUrlCheck {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: "not-absolute" };
  }
  const userinfo = url.username !== "" || url.password !== "";
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, problem: "scheme", protocol: url.protocol, href: url.href, userinfo };
  if (userinfo) return { ok: false, problem: "userinfo", href: url.href };
  return { ok: true, url };
}

export type RequestOriginCheck =
  | { ok: true }
  | { ok: false; problem: "not-url" }
  | { ok: false; problem: "scheme"; protocol: string }
  | { ok: false; problem: "not-serialized"; serialized: string };

/**
 * A serialized http(s) origin as a browser sends it (scheme, host, optional
 * port; nothing else), or "null".
 */
export function checkRequestOrigin(text: string): RequestOriginCheck {
  if (text === "null") return { ok: true };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: "not-url" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, problem: "scheme", protocol: url.protocol };
  if (url.origin !== text) return { ok: false, problem: "not-serialized", serialized: url.origin };
  return { ok: true };
}
