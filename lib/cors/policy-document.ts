// The policy as JSON carries it — what a version stores, the config API
// serves and the SDK reads: every setting explicit. The one definition of its
// shape, its field order and its defaults; lib/api's zod schemas are checked
// against these types at compile time (lib/api/schemas/policy.ts).

import type { PolicyInput, PolicySettings } from "./types";

/** The non-origin settings of a policy document (the same fields as `PolicySettings`, as plain JSON). */
export interface PolicySettingsDocument {
  allowCredentials: boolean;
  allowedMethods: string[];
  allowedHeaders: string[];
  reflectRequestHeaders: boolean;
  exposedHeaders: string[];
  maxAgeSeconds: number | null;
  noOrigin: "allow" | "reject";
  allowPrivateNetwork: boolean;
}

/** An allowlist entry as stored: `expiresAt` ISO-8601 (UTC) or null, `note` null when there is none. */
export interface StoredOriginRule {
  value: string;
  note: string | null;
  expiresAt: string | null;
}

/** A policy as published and stored (versions, change requests, drafts as content, exports). */
export interface StoredPolicy extends PolicySettingsDocument {
  origins: StoredOriginRule[];
}

/** An allowlist entry as served to services (no note). */
export interface ServedOriginRule {
  value: string;
  expiresAt: string | null;
}

/** The policy of a config document (GET /api/v1/config/…): what the SDK verifies and compiles. */
export interface ServedPolicy extends PolicySettingsDocument {
  origins: ServedOriginRule[];
}

/**
 * The document the config API serves (JSON format, and each SSE event) and
 * the SDK checks: `contentHash` is the sha256 hex of the UTF-8 of
 * `canonicalJson(policy)` (RFC 8785).
 */
export interface ConfigDocument {
  project: string;
  environment: string;
  version: number;
  publishedAt: string;
  contentHash: string;
  policy: ServedPolicy;
}

/** The settings, in the order forms, diffs and documents show them. */
export const SETTING_FIELDS = [
  "allowCredentials",
  "allowedMethods",
  "allowedHeaders",
  "reflectRequestHeaders",
  "exposedHeaders",
  "maxAgeSeconds",
  "noOrigin",
  "allowPrivateNetwork",
] as const satisfies readonly (keyof PolicySettingsDocument)[];

export type SettingField = (typeof SETTING_FIELDS)[number];

/**
 * The safe defaults, as a fresh document (README "Compile"): nothing allowed
 * beyond GET/HEAD/POST, no credentials, no max-age, no-Origin requests pass,
 * no Private Network Access.
 */
export function defaultSettings(): PolicySettingsDocument {
  return {
    allowCredentials: false,
    allowedMethods: [],
    allowedHeaders: [],
    reflectRequestHeaders: false,
    exposedHeaders: [],
    maxAgeSeconds: null,
    noOrigin: "allow",
    allowPrivateNetwork: false,
  };
}

/** The settings of anything that has them (a stored policy, a draft row, an edit), and nothing else; lists copied. */
export function settingsOf(source: Readonly<{ [K in SettingField]: PolicySettings[K] }>): PolicySettingsDocument {
  return {
    allowCredentials: source.allowCredentials,
    allowedMethods: [...source.allowedMethods],
    allowedHeaders: [...source.allowedHeaders],
    reflectRequestHeaders: source.reflectRequestHeaders,
    exposedHeaders: [...source.exposedHeaders],
    maxAgeSeconds: source.maxAgeSeconds,
    noOrigin: source.noOrigin,
    allowPrivateNetwork: source.allowPrivateNetwork,
  };
}

/** A stored policy as the input `compilePolicy` and `lintPolicy` take (notes and expiries go along with each origin). */
export function storedPolicyInput(policy: Readonly<StoredPolicy>): PolicyInput {
  return {
    origins: policy.origins.map((o) => (o.note === null ? { value: o.value, expiresAt: o.expiresAt } : { value: o.value, expiresAt: o.expiresAt, note: o.note })),
    ...settingsOf(policy),
  };
}

/** A served policy as the input `compilePolicy` takes. */
export function servedPolicyInput(policy: Readonly<ServedPolicy>): PolicyInput {
  return { origins: policy.origins.map((o) => ({ value: o.value, expiresAt: o.expiresAt })), ...settingsOf(policy) };
}

// Compile-time links: the document's settings, the compiled settings and the
// input's optional settings are the same eight fields with the same types.
type ReadonlyLists<T> = { readonly [K in keyof T]: T[K] extends string[] ? readonly string[] : T[K] };
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const settingsLinked: [Same<ReadonlyLists<PolicySettingsDocument>, PolicySettings>, Same<Required<Omit<PolicyInput, "origins">>, PolicySettings>, Same<SettingField, keyof PolicySettings>] = [true, true, true];
void settingsLinked;
