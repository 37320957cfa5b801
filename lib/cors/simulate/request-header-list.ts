// The header list fetch() builds from the page's `headers`: values normalized,
// invalid input rejected, forbidden headers silently dropped, and `Accept: */*`
// added when the page did not set one.
// https://fetch.spec.whatwg.org/#concept-headers-append
// https://fetch.spec.whatwg.org/#fetching (step "If request's header list does not contain `Accept`")

import { engineProfile, type EngineProfile } from "./engines";
import { forbiddenRequestHeader } from "./forbidden";
import type { Header, HeaderList } from "./header-list";
import { byteLowercase, isByteString, isToken, normalizeHeaderValue, showBytes } from "./http-bytes";

export interface DroppedHeader {
  readonly name: string;
  readonly reason: string;
  /** Dropped by Chromium only; the Fetch Standard would send it. */
  readonly chromiumOnly: boolean;
}

export type RequestHeaderListResult =
  | {
      readonly ok: true;
      /** What the browser sends (and what CORS looks at), in order. */
      readonly list: HeaderList;
      readonly dropped: readonly DroppedHeader[];
      /** `true` when the browser added the default `Accept` header (any type). */
      readonly acceptAdded: boolean;
    }
  | { readonly ok: false; readonly rule: "invalid-header-name" | "invalid-header-value"; readonly message: string };

export function buildRequestHeaderList(headers: Readonly<Record<string, string>>, profile: EngineProfile = engineProfile()): RequestHeaderListResult {
  const list: Header[] = [];
  const dropped: DroppedHeader[] = [];
  for (const [name, rawValue] of Object.entries(headers ?? {})) {
    // https://fetch.spec.whatwg.org/#concept-headers-append: normalize, then validate
    // (WebIDL turns a non-string value, e.g. a number, into a string first).
    const value = normalizeHeaderValue(typeof rawValue === "string" ? rawValue : String(rawValue));
    if (!isToken(name)) {
      return { ok: false, rule: "invalid-header-name", message: `${JSON.stringify(name)} is not a valid header name: fetch() throws a TypeError.` };
    }
    if (!isByteString(value) || /[\0\r\n]/.test(value)) {
      return {
        ok: false,
        rule: "invalid-header-value",
        message: `The value of ${name} (${JSON.stringify(showBytes(value))}) is not a valid header value (NUL, CR, LF or a character above U+00FF): fetch() throws a TypeError.`,
      };
    }
    const forbidden = forbiddenRequestHeader(name, value);
    // Chromium-only forbidden names (User-Agent) are sent by engines that follow the standard.
    if (forbidden.forbidden && (!forbidden.chromiumOnly || profile.forbidsUserAgent)) {
      dropped.push({ name, reason: `${name} ${forbidden.reason ?? "is forbidden"}`, chromiumOnly: forbidden.chromiumOnly });
      continue;
    }
    // Names are case-insensitive: a second spelling of the same name joins the
    // first (Chromium combines them into one field with ", ").
    const lower = byteLowercase(name);
    const index = list.findIndex((h) => byteLowercase(h.name) === lower);
    const existing = index < 0 ? undefined : list[index];
    if (existing === undefined) list.push({ name, value });
    else list[index] = { name: existing.name, value: `${existing.value}, ${value}` };
  }
  const acceptAdded = !list.some((h) => byteLowercase(h.name) === "accept");
  if (acceptAdded) list.push({ name: "Accept", value: "*/*" });
  return { ok: true, list, dropped, acceptAdded };
}
