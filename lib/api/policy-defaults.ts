import type { PolicyContent } from "@/lib/api/schemas/policy";

/**
 * The policy of a new environment, and what "nothing published yet" is
 * compared with: nothing allowed, every setting at lib/cors's safe default.
 */
export const EMPTY_POLICY: PolicyContent = Object.freeze({
  origins: [],
  allowCredentials: false,
  allowedMethods: [],
  allowedHeaders: [],
  reflectRequestHeaders: false,
  exposedHeaders: [],
  maxAgeSeconds: null,
  noOrigin: "allow",
  allowPrivateNetwork: false,
}) as PolicyContent;

/** The settings of a policy, in the order forms and diffs show them. */
export const SETTING_FIELDS = [
  "allowCredentials",
  "allowedMethods",
  "allowedHeaders",
  "reflectRequestHeaders",
  "exposedHeaders",
  "maxAgeSeconds",
  "noOrigin",
  "allowPrivateNetwork",
] as const satisfies readonly (keyof PolicyContent)[];

export type SettingField = (typeof SETTING_FIELDS)[number];
