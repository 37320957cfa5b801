// Whether the browser sends a CORS preflight before the request.
// https://fetch.spec.whatwg.org/#main-fetch: a CORS request needs a preflight
// when its method is not CORS-safelisted or when the CORS-unsafe request-header
// names of its header list are not empty (its use-CORS-preflight flag is only
// set by XHR upload listeners, which fetch() never has).

import { engineProfile, type EngineProfile } from "./engines";
import type { HeaderList } from "./header-list";
import { isCorsSafelistedMethod } from "./method";
import { corsUnsafeRequestHeaderNames, safelistRequestHeader, type UnsafeHeaderNames } from "./safelist";

export interface PreflightNeed {
  readonly required: boolean;
  readonly reasons: readonly string[];
  readonly unsafe: UnsafeHeaderNames;
  /** Headers Chromium and the Fetch Standard disagree about. */
  readonly chromiumDifferences: readonly string[];
}

/** `method` must already be normalized (see `normalizeMethod`). */
export function preflightNeed(method: string, list: HeaderList, profile: EngineProfile = engineProfile()): PreflightNeed {
  const reasons: string[] = [];
  if (!isCorsSafelistedMethod(method)) {
    reasons.push(`the method ${method} is not CORS-safelisted (only GET, HEAD and POST are, byte-exact)`);
  }
  const unsafe = corsUnsafeRequestHeaderNames(list, profile);
  for (const name of unsafe.names) reasons.push(`the header ${name} is not CORS-safelisted: ${unsafe.reasons[name] ?? "unsafe"}`);

  const chromiumDifferences: string[] = [];
  for (const { name, value } of list) {
    const v = safelistRequestHeader(name, value, profile);
    if (v.safelisted !== v.specSafelisted && v.reason !== undefined) chromiumDifferences.push(v.reason);
  }
  const specNamesDiffer = unsafe.specNames.join(",") !== unsafe.names.join(",");
  if (specNamesDiffer && chromiumDifferences.length === 0) {
    chromiumDifferences.push(
      `the Fetch Standard would list ${unsafe.specNames.join(",") || "no headers"} in Access-Control-Request-Headers; Chromium lists ${unsafe.names.join(",") || "none"}`,
    );
  }
  return { required: reasons.length > 0, reasons, unsafe, chromiumDifferences };
}
