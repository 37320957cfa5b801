// Header lists: the raw response headers as a list, "get", "get, decode, and
// split", and the list-valued Access-Control-Allow-* headers.
// https://fetch.spec.whatwg.org/#concept-header-list

import { byteLowercase, isToken, trimHttpTabOrSpace } from "./http-bytes";
import type { RawHeaders } from "./types";

export interface Header {
  readonly name: string;
  readonly value: string;
}

export type HeaderList = readonly Header[];

/**
 * The raw response headers as a header list, in order. Each value is trimmed of
 * leading and trailing tab or space, as the HTTP parser does before the browser
 * sees it (RFC 9110 §5.5).
 */
export function toHeaderList(headers: RawHeaders): HeaderList {
  const list: Header[] = [];
  for (const [name, raw] of Object.entries(headers)) {
    const values: readonly string[] = typeof raw === "string" ? [raw] : raw;
    for (const value of values) list.push({ name, value: trimHttpTabOrSpace(value) });
  }
  return list;
}

/** https://fetch.spec.whatwg.org/#header-list-contains */
export function contains(list: HeaderList, name: string): boolean {
  const lower = byteLowercase(name);
  return list.some((h) => byteLowercase(h.name) === lower);
}

/**
 * https://fetch.spec.whatwg.org/#concept-header-list-get — all values of the
 * name joined with `, ` (so two `Access-Control-Allow-Origin` lines become one
 * value with a comma), or `null` when absent.
 */
export function getHeader(list: HeaderList, name: string): string | null {
  const lower = byteLowercase(name);
  const values = list.filter((h) => byteLowercase(h.name) === lower).map((h) => h.value);
  return values.length === 0 ? null : values.join(", ");
}

/** Number of field lines carrying the name. */
export function countHeader(list: HeaderList, name: string): number {
  const lower = byteLowercase(name);
  return list.filter((h) => byteLowercase(h.name) === lower).length;
}

/**
 * https://fetch.spec.whatwg.org/#header-value-get-decode-and-split — splits on
 * commas outside quoted strings and trims each item of tab or space. Empty items
 * are kept (`a,,b,` gives `["a", "", "b", ""]`).
 */
export function splitHeaderValue(input: string): string[] {
  const values: string[] = [];
  let position = 0;
  let temporaryValue = "";
  for (;;) {
    // 1. Collect code points that are not " or ,
    while (position < input.length && input.charAt(position) !== '"' && input.charAt(position) !== ",") {
      temporaryValue += input.charAt(position);
      position++;
    }
    // 2. A quoted string is part of the value.
    if (position < input.length && input.charAt(position) === '"') {
      const quoted = collectQuotedString(input, position);
      temporaryValue += quoted.value;
      position = quoted.position;
      if (position < input.length) continue;
    }
    // 3–5. Trim, append, reset.
    values.push(trimHttpTabOrSpace(temporaryValue));
    temporaryValue = "";
    // 6. Past the end: done. 7–8. Otherwise the code point is a comma: skip it.
    if (position >= input.length) return values;
    position++;
  }
}

/** https://fetch.spec.whatwg.org/#collect-an-http-quoted-string with extract-value false. */
function collectQuotedString(input: string, start: number): { value: string; position: number } {
  let position = start + 1;
  for (;;) {
    while (position < input.length && input[position] !== '"' && input[position] !== "\\") position++;
    if (position >= input.length) break;
    const quoteOrBackslash = input[position];
    position++;
    if (quoteOrBackslash === "\\") {
      if (position >= input.length) break;
      position++;
    } else {
      break;
    }
  }
  return { value: input.slice(start, position), position };
}

/** https://fetch.spec.whatwg.org/#concept-header-list-get-decode-split */
export function getDecodeSplit(list: HeaderList, name: string): string[] | null {
  const value = getHeader(list, name);
  return value === null ? null : splitHeaderValue(value);
}

export type TokenListResult =
  | { readonly kind: "absent" }
  | { readonly kind: "invalid"; readonly raw: string; readonly offending: string }
  | { readonly kind: "list"; readonly raw: string; readonly items: readonly string[] };

/**
 * `Access-Control-Allow-Methods = #method` and `Access-Control-Allow-Headers =
 * #field-name`, per https://fetch.spec.whatwg.org/#extract-header-list-values:
 * every non-empty element must be a token, or the whole header is a failure.
 * Empty elements are ignored, as RFC 9110's list rule (§5.6.1) asks of
 * recipients and as Chromium does. Items keep their case.
 */
export function extractTokenList(list: HeaderList, name: string): TokenListResult {
  const raw = getHeader(list, name);
  if (raw === null) return { kind: "absent" };
  const items: string[] = [];
  for (const item of splitHeaderValue(raw)) {
    if (item === "") continue;
    if (!isToken(item)) return { kind: "invalid", raw, offending: item };
    items.push(item);
  }
  return { kind: "list", raw, items };
}
