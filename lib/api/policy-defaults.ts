import { defaultSettings, SETTING_FIELDS, type SettingField } from "@/lib/cors";
import type { PolicyContent } from "@/lib/api/schemas/policy";

/**
 * The policy of a new environment, and what "nothing published yet" is
 * compared with: nothing allowed, every setting at lib/cors's safe default.
 */
export const EMPTY_POLICY: PolicyContent = Object.freeze({ origins: [], ...defaultSettings() });

/** The settings of a policy, in the order forms and diffs show them (defined by the core, lib/cors/policy-document.ts). */
export { SETTING_FIELDS, type SettingField };
