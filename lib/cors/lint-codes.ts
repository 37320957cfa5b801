// The codes and fields of lint findings as run-time lists, so an API schema
// can validate a finding and have the core's LintFinding as its type
// (lib/api/schemas/editing.ts). Compile-time checks keep the lists complete.

import { SETTING_FIELDS } from "./policy-document";
import { PROBLEM_TITLES } from "./problems";
import type { LintCode, PolicyField, ProblemCode } from "./types";

/** Every code a lint finding may carry: the parse/compile problem codes, then the lint-only ones. */
export const LINT_CODES = [
  ...(Object.keys(PROBLEM_TITLES) as ProblemCode[]), // the keys of a Record<ProblemCode, …>: exactly the problem codes
  "any-origin",
  "null-origin",
  "insecure-origin",
  "local-origin",
  "broad-wildcard",
  "port-wildcard",
  "shadowed-origin",
  "expired-rule",
  "empty-allowlist",
  "no-origin-rejected",
  "credentials-reflect-headers",
  "reflect-ignores-allowed-headers",
  "max-age-capped",
  "safelisted-method",
  "forbidden-method",
  "case-sensitive-method",
  "forbidden-request-header",
  "safelisted-response-header",
] as const satisfies readonly LintCode[];

/** Every field a problem or finding may point at. */
export const POLICY_FIELDS = ["policy", "origins", ...SETTING_FIELDS] as const satisfies readonly PolicyField[];

// Nothing of the unions is missing from the lists.
const complete: [[Exclude<LintCode, (typeof LINT_CODES)[number]>] extends [never] ? true : false, [Exclude<PolicyField, (typeof POLICY_FIELDS)[number]>] extends [never] ? true : false] = [true, true];
void complete;
