// The CORS core of Corsboard: pure TypeScript, runs in Node and in browsers.
// Used by the route handlers, the SDK, the browser tester and the editor's
// lints, so the dashboard's prediction, the tester's explanation and the
// service's behaviour can never disagree. See README.md for the semantics.
//
//   parseOrigin(text, index?)            one entry → OriginSpec | problem (with a one-click fix when safe)
//   parseOriginList(text | string[])     every problem of a list, with positions, duplicates included
//   compilePolicy(policy)                → { ok: true, policy } (frozen matcher) | { ok: false, problems }; never throws
//   evaluateRequest(compiled, request)   → decision + exact response headers (what a service answers)
//   lintPolicy(policy, environment)      → findings with severity and fixes; applyFix/applyFixes apply them
//   previewRule(rule)                    → look-alike origins an attacker would try, and the matcher's answer
//   predictBrowserVerdict(compiled, req) → the browser's verdict for a request to a service running the policy
//   checkImpact(expect, live, draft)     → whether publishing a draft breaks a saved check
//   policyRejection(compiled, req)       → which setting of the policy refuses a request (origin, method, header…)

export { parseOrigin, MAX_INPUT_LENGTH, MAX_HOST_LENGTH } from "./origin-parse";
export { parseOriginList } from "./origin-list";
export { compilePolicy } from "./policy-compile";
export { DEFAULT_SETTINGS } from "./policy-settings";
export {
  SETTING_FIELDS,
  defaultSettings,
  settingsOf,
  storedPolicyInput,
  servedPolicyInput,
  type SettingField,
  type PolicySettingsDocument,
  type StoredPolicy,
  type StoredOriginRule,
  type ServedPolicy,
  type ServedOriginRule,
  type ConfigDocument,
} from "./policy-document";
export { evaluateRequest } from "./policy-evaluate";
export { lintPolicy, type LintOptions } from "./lint";
export { applyFix, applyFixes } from "./apply-fix";
export { previewRule, type PreviewOptions } from "./preview";
export { predictBrowserVerdict, type PredictedVerdict, type PredictOptions } from "./predict";
export { PROBLEM_TITLES } from "./problems";
export { LINT_CODES, POLICY_FIELDS } from "./lint-codes";
export { canonicalJson } from "./canonical-json";
export { HEADER, REQUEST_HEADER, TOKEN, isToken } from "./fetch-constants";
export type * from "./types";
export { checkImpact, policyRejection, type CheckExpectation, type CheckImpact, type PolicyReason } from "./predict";

export * from "./simulate";
