// The serialized origin of a URL, with the WHATWG URL parser every browser and
// Node.js ship (no origin parsing of our own: the simulator only compares bytes).
// https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin

/** `"null"` for opaque origins and for strings that are not URLs. */
export function urlOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "null";
  }
}

/** Whether two serialized origins are the same origin (`"null"` is never the same as anything). */
export function isSameOrigin(a: string, b: string): boolean {
  return a !== "null" && b !== "null" && a === b;
}
