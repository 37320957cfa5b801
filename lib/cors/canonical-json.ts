// RFC 8785 JSON Canonicalization Scheme (JCS): the one text of a JSON value
// that the server hashes (a version's contentHash, the config ETag), the SDK
// verifies, and the probe signs. Any JCS implementation (Go, Python, Java…)
// gives the same bytes, so a client in another language can check
// `contentHash` = sha256 hex of `canonicalJson(document.policy)` (UTF-8).
// https://www.rfc-editor.org/rfc/rfc8785

/**
 * The JCS text of a JSON value:
 * - no whitespace;
 * - object members sorted by their names compared as UTF-16 code units
 *   (JavaScript's `<` on strings, RFC 8785 §3.2.3), recursively;
 * - numbers as ECMAScript's Number::toString serializes them (`1e+30`,
 *   `0.002`, `-0` → `0`; §3.2.2.3), strings escaped as ECMAScript's
 *   JSON.stringify does (§3.2.2.2) — which is why both are delegated to it.
 *
 * JavaScript values that are not JSON are treated as JSON.stringify treats
 * them, so `canonicalJson(x)` is the JCS text of the JSON that
 * `JSON.stringify(x)` describes: `toJSON` is called (a Date becomes its ISO
 * string), members whose value is `undefined` (or a function or symbol) are
 * left out, and such values inside arrays become `null`.
 *
 * Throws a TypeError on what I-JSON (RFC 7493), and so JCS, refuses: NaN and
 * ±Infinity, strings with a lone surrogate (in values and in member names),
 * BigInt — and on cycles.
 */
export function canonicalJson(value: unknown): string {
  const text = serialize(value, new Set());
  return text === undefined ? "null" : text;
}

function serialize(input: unknown, ancestors: Set<object>): string | undefined {
  const value = withToJson(input);
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`JSON canonicalization: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case "string":
      return quote(value);
    case "bigint":
      throw new TypeError("JSON canonicalization: a BigInt is not a JSON number");
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
  }
  const object = value as object;
  if (ancestors.has(object)) throw new TypeError("JSON canonicalization: the value is cyclic");
  ancestors.add(object);
  try {
    if (Array.isArray(object)) return `[${object.map((item) => serialize(item, ancestors) ?? "null").join(",")}]`;
    const members: string[] = [];
    for (const name of Object.keys(object).sort(compareCodeUnits)) {
      const member = serialize((object as Record<string, unknown>)[name], ancestors);
      if (member !== undefined) members.push(`${quote(name)}:${member}`);
    }
    return `{${members.join(",")}}`;
  } finally {
    ancestors.delete(object);
  }
}

function withToJson(value: unknown): unknown {
  if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return (value as { toJSON(key: string): unknown }).toJSON("");
  }
  return value;
}

/** UTF-16 code unit order (not code points, not locale): RFC 8785 §3.2.3. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function quote(text: string): string {
  if (LONE_SURROGATE.test(text)) throw new TypeError("JSON canonicalization: a string holds a lone surrogate (not I-JSON)");
  return JSON.stringify(text);
}
