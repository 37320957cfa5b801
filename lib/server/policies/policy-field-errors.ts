import { compilePolicy, PROBLEM_TITLES, type ParseProblem } from "@/lib/cors";
import type { FieldError } from "@/lib/api/problem";
import type { LintFindingDto } from "@/lib/api/schemas/editing";
import type { PolicyContent } from "@/lib/api/schemas/policy";
import { toPolicyInput } from "@/lib/server/policies/policy-input";

type OriginIndex = (index: number) => number | null;
const identity: OriginIndex = (i) => i;

/**
 * Every problem lib/cors finds in a policy (compile validates everything:
 * origins, expiry dates, methods, headers, max-age, `*` with credentials), as
 * field errors under `prefix`: `body.origins.3.value`, `body.allowedMethods.1`,
 * `body.maxAgeSeconds`. Each keeps the core's code and message, and its `fix`
 * (the canonical text) when one is safe to apply.
 *
 * `originIndex` maps a position in `content.origins` to the position to
 * report (for requests that add to an existing list); return null to leave
 * that origin's problems out.
 */
export function policyFieldErrors(content: PolicyContent, prefix: string, originIndex: OriginIndex = identity): FieldError[] {
  const compiled = compilePolicy(toPolicyInput(content));
  return compiled.ok ? [] : problemFieldErrors(compiled.problems, prefix, originIndex);
}

/** lib/cors problems as field errors under `prefix` (see policyFieldErrors). */
export function problemFieldErrors(problems: readonly ParseProblem[], prefix: string, originIndex: OriginIndex = identity): FieldError[] {
  return toFieldErrors(problems.map((p) => ({ ...p, fix: p.fix })), prefix, originIndex);
}

const PROBLEM_CODES: ReadonlySet<string> = new Set(Object.keys(PROBLEM_TITLES));

/**
 * The same field errors, read from a lint run instead of a compile: lint
 * reports every parse and compile problem as an error finding (same code,
 * position, message, and the canonical text as its fix's value), so a save
 * validates and lints a large list in ONE pass of the parser.
 */
export function findingFieldErrors(findings: readonly LintFindingDto[], prefix: string, originIndex: OriginIndex = identity): FieldError[] {
  return toFieldErrors(
    findings.filter((f) => f.severity === "error" && PROBLEM_CODES.has(f.code)).map((f) => ({ code: f.code, field: f.field, index: f.index, message: f.message, fix: f.fix?.value })),
    prefix,
    originIndex,
  );
}

interface ProblemLike {
  code: string;
  field: string;
  index: number | null;
  message: string;
  fix?: string | undefined;
}

function toFieldErrors(problems: readonly ProblemLike[], prefix: string, originIndex: OriginIndex): FieldError[] {
  const errors: FieldError[] = [];
  for (const problem of problems) {
    const field = problemField(problem, prefix, originIndex);
    if (field === null) continue;
    errors.push({ field, code: problem.code, message: problem.message, ...(problem.fix !== undefined ? { fix: problem.fix } : {}) });
  }
  return errors;
}

function problemField(problem: ProblemLike, prefix: string, originIndex: OriginIndex): string | null {
  if (problem.field === "policy") return prefix;
  if (problem.field === "origins") {
    if (problem.index === null) return `${prefix}.origins`;
    const index = originIndex(problem.index);
    if (index === null) return null;
    return `${prefix}.origins.${index}.${problem.code === "invalid-expiry" ? "expiresAt" : "value"}`;
  }
  return problem.index === null ? `${prefix}.${problem.field}` : `${prefix}.${problem.field}.${problem.index}`;
}
