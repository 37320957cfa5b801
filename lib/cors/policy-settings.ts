// Validate and normalize the non-origin settings of a policy. Input may come
// from JSON, so every field is checked at run time; nothing throws.

import { TOKEN, normalizeMethod } from "./fetch-constants";
import { makeProblem, quote, safeString } from "./problems";
import { defaultSettings } from "./policy-document";
import type { ParseProblem, PolicyField, PolicySettings } from "./types";

/** The defaults: the safe choices (policy-document.ts), frozen. */
export const DEFAULT_SETTINGS: PolicySettings = freezeSettings(defaultSettings());

function freezeSettings(s: PolicySettings): PolicySettings {
  return Object.freeze({ ...s, allowedMethods: Object.freeze([...s.allowedMethods]), allowedHeaders: Object.freeze([...s.allowedHeaders]), exposedHeaders: Object.freeze([...s.exposedHeaders]) });
}

/** Largest Access-Control-Max-Age accepted (signed 32-bit; browsers cap far lower). */
const MAX_AGE_LIMIT = 2_147_483_647;

type Raw = Record<string, unknown>;

function show(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? safeString(value);
  } catch {
    return safeString(value);
  }
}

export function validateSettings(raw: Raw): { settings: PolicySettings; problems: ParseProblem[] } {
  const problems: ParseProblem[] = [];
  const fieldProblem = (field: PolicyField, code: ParseProblem["code"], value: unknown, message: string, index: number | null = null) =>
    problems.push(makeProblem(code, show(value), message, { field, index }));

  const bool = (field: PolicyField, fallback: boolean): boolean => {
    const value = raw[field];
    if (value === undefined) return fallback;
    if (typeof value === "boolean") return value;
    fieldProblem(field, "invalid-type", value, `${field} must be true or false.`);
    return fallback;
  };

  const tokens = (field: "allowedMethods" | "allowedHeaders" | "exposedHeaders", normalize: (token: string) => string): readonly string[] => {
    const value = raw[field];
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      fieldProblem(field, "invalid-type", value, `${field} must be a list of names.`);
      return [];
    }
    const out: string[] = [];
    value.forEach((item: unknown, index) => {
      const code = field === "allowedMethods" ? "invalid-method" : "invalid-header-name";
      const what = field === "allowedMethods" ? "method" : "header name";
      if (typeof item !== "string") {
        fieldProblem(field, "invalid-type", item, `Each ${what} must be text.`, index);
        return;
      }
      const trimmed = item.trim();
      if (!TOKEN.test(trimmed) || (trimmed.includes("*") && trimmed !== "*")) {
        fieldProblem(field, code, item, `${quote(item)} is not a valid ${what}: use letters, digits and -, or * alone.`, index);
        return;
      }
      const normalized = normalize(trimmed);
      if (!out.includes(normalized)) out.push(normalized);
    });
    return out;
  };

  const allowCredentials = bool("allowCredentials", DEFAULT_SETTINGS.allowCredentials);
  const reflectRequestHeaders = bool("reflectRequestHeaders", DEFAULT_SETTINGS.reflectRequestHeaders);
  const allowPrivateNetwork = bool("allowPrivateNetwork", DEFAULT_SETTINGS.allowPrivateNetwork);
  const allowedMethods = tokens("allowedMethods", normalizeMethod);
  const allowedHeaders = tokens("allowedHeaders", (h) => h.toLowerCase());
  const exposedHeaders = tokens("exposedHeaders", (h) => h.toLowerCase());

  let maxAgeSeconds: number | null = DEFAULT_SETTINGS.maxAgeSeconds;
  const maxAge = raw.maxAgeSeconds;
  if (maxAge !== undefined && maxAge !== null) {
    if (typeof maxAge !== "number" || !Number.isInteger(maxAge) || maxAge < 0 || maxAge > MAX_AGE_LIMIT) {
      fieldProblem("maxAgeSeconds", "invalid-max-age", maxAge, "maxAgeSeconds must be a whole number of seconds (0 or more), or null to leave the header out.");
    } else {
      maxAgeSeconds = maxAge;
    }
  }

  let noOrigin: PolicySettings["noOrigin"] = DEFAULT_SETTINGS.noOrigin;
  if (raw.noOrigin !== undefined) {
    if (raw.noOrigin === "allow" || raw.noOrigin === "reject") noOrigin = raw.noOrigin;
    else fieldProblem("noOrigin", "invalid-value", raw.noOrigin, 'noOrigin must be "allow" or "reject".');
  }

  // With credentials, the Fetch Standard reads "*" in these headers as a
  // literal name, not a wildcard (https://fetch.spec.whatwg.org/#http-access-control-allow-methods):
  // refuse the configuration instead of sending something that silently means nothing.
  if (allowCredentials) {
    const starred: [PolicyField, readonly string[], string][] = [
      ["allowedMethods", allowedMethods, "List the methods by name"],
      ["allowedHeaders", allowedHeaders, "List the headers by name (or reflect the request headers)"],
      ["exposedHeaders", exposedHeaders, "List the headers by name"],
    ];
    for (const [field, list, advice] of starred) {
      const index = list.indexOf("*");
      if (index >= 0) {
        const rawList = raw[field];
        const rawIndex = Array.isArray(rawList) ? rawList.findIndex((v: unknown) => typeof v === "string" && v.trim() === "*") : index;
        fieldProblem(
          field,
          "wildcard-with-credentials",
          "*",
          `With credentials, browsers read * in ${field} as a header or method literally named "*", not as a wildcard. ${advice}.`,
          rawIndex,
        );
      }
    }
  }

  const settings = freezeSettings({ allowCredentials, allowedMethods, allowedHeaders, reflectRequestHeaders, exposedHeaders, maxAgeSeconds, noOrigin, allowPrivateNetwork });
  return { settings, problems };
}
