// What a request's URL and the requesting page's origin must be for fetch()
// to send a CORS request: one check, shared by the probe API's schema and the
// Tester form. Each caller words the problem for its own reader.

export type RequestUrlCheck =
  | { ok: true; url: URL }
  | { ok: false; problem: "not-absolute" }
  | { ok: false; problem: "scheme"; protocol: string }
  | { ok: false; problem: "userinfo" };

/** An absolute http(s) URL without user name or password (fetch() refuses those). */
export function checkRequestUrl(text: string): RequestUrlCheck {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: "not-absolute" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, problem: "scheme", protocol: url.protocol };
  if (url.username !== "" || url.password !== "") return { ok: false, problem: "userinfo" };
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
