import { lintPolicy } from "@/lib/cors";
import type { PolicyContent } from "@/lib/api/schemas/policy";
import type { LintFindingDto } from "@/lib/api/schemas/editing";
import { toPolicyInput } from "@/lib/server/policies/policy-input";

/**
 * lib/cors's lint of a policy in its environment (protected environments get
 * the strict rules). The editor shows these with every draft; errors block
 * publishing.
 */
export function lintContent(content: PolicyContent, environment: { protected: boolean; name?: string }, now: number = Date.now()): LintFindingDto[] {
  return lintPolicy(toPolicyInput(content), { protected: environment.protected, ...(environment.name ? { name: environment.name } : {}) }, { now }).map(
    (f) => ({ ...f }),
  );
}

export function lintErrors(findings: readonly LintFindingDto[]): LintFindingDto[] {
  return findings.filter((f) => f.severity === "error");
}
