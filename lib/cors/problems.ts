// The catalogue of input problems. Codes are stable (UIs, API error lists and
// lints switch on them); messages are sentences written where the problem is
// found, because they quote the input and name the fix.

import type { ParseProblem, PolicyField, ProblemCode } from "./types";

/** A short title per code, for list headings and API documentation. */
export const PROBLEM_TITLES: Readonly<Record<ProblemCode, string>> = Object.freeze({
  empty: "Empty value",
  "too-long": "Value too long",
  "surrounding-whitespace": "Spaces around the origin",
  "invalid-character": "Invalid character",
  "several-origins": "Several origins in one entry",
  "missing-scheme": "Missing scheme",
  "invalid-syntax": "Not an origin",
  "unsupported-scheme": "Unsupported scheme",
  userinfo: "User name or password in the origin",
  path: "Path in the origin",
  query: "Query in the origin",
  fragment: "Fragment in the origin",
  "trailing-slash": "Trailing slash",
  "default-port": "Default port written out",
  "trailing-dot": "Trailing dot in the host",
  "not-canonical": "Not in canonical form",
  "invalid-host": "Invalid host",
  "invalid-port": "Invalid port",
  "wildcard-position": "Wildcard in the wrong place",
  "wildcard-public-suffix": "Wildcard over a public suffix",
  "wildcard-ip": "Wildcard over an IP address",
  duplicate: "Duplicate",
  "invalid-type": "Wrong type",
  "invalid-expiry": "Invalid expiry date",
  "invalid-method": "Invalid method",
  "invalid-header-name": "Invalid header name",
  "invalid-max-age": "Invalid max-age",
  "invalid-value": "Invalid value",
  "wildcard-with-credentials": "Wildcard with credentials",
});

export interface ProblemOptions {
  readonly field?: PolicyField;
  readonly index?: number | null;
  readonly fix?: string;
  readonly duplicateOf?: number;
}

export function makeProblem(code: ProblemCode, value: string, message: string, options: ProblemOptions = {}): ParseProblem {
  const problem: { -readonly [K in keyof ParseProblem]: ParseProblem[K] } = {
    code,
    field: options.field ?? "origins",
    index: options.index === undefined ? 0 : options.index,
    value,
    message,
  };
  if (options.fix !== undefined) problem.fix = options.fix;
  if (options.duplicateOf !== undefined) problem.duplicateOf = options.duplicateOf;
  return problem;
}

/**
 * Any value as text, for messages and `ParseProblem.value`. Never throws —
 * unlike `String(value)`, which does for `Object.create(null)`, objects whose
 * `toString` throws and revoked proxies.
 */
export function safeString(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return String(value);
  } catch {
    try {
      return Object.prototype.toString.call(value);
    } catch {
      return typeof value;
    }
  }
}

/** Shows any input as short, quoted text in a message. */
export function quote(value: string, max = 80): string {
  const shown = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(shown);
}
