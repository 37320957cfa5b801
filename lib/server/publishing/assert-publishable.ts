import type { PolicyContent } from "@/lib/api/schemas/policy";
import type { PolicyDiff } from "@/lib/api/schemas/editing";
import { AppError, conflict } from "@/lib/server/errors";
import { diffPolicies } from "@/lib/server/policies/diff-policies";
import { lintContent, lintErrors } from "@/lib/server/policies/lint-content";
import type { LiveVersion } from "@/lib/server/versions/live-version";

/**
 * What every way of publishing checks (draft publish, rollback, approval):
 * lib/cors lint errors for this environment block it (422 `lint_errors` with
 * the findings), and content equal to the live version is refused (409
 * `nothing_to_publish`). Returns the diff vs live.
 */
export function assertPublishable(env: { protected: boolean; name: string }, content: PolicyContent, live: LiveVersion | null): PolicyDiff {
  const errors = lintErrors(lintContent(content, env));
  if (errors.length > 0) {
    throw new AppError(
      422,
      "lint_errors",
      `The policy has ${errors.length} lint error${errors.length === 1 ? "" : "s"} for ${env.name}${env.protected ? " (protected)" : ""}: fix ${errors.length === 1 ? "it" : "them"} in the draft first. See \`findings\`.`,
      errors.map((f) => ({
        field: f.index === null ? `policy.${f.field}` : `policy.${f.field}.${f.index}`,
        code: f.code,
        message: f.message,
        ...(f.fix?.value !== undefined ? { fix: f.fix.value } : {}),
      })),
      { findings: errors },
    );
  }
  const diff = diffPolicies(live?.content ?? null, content);
  if (live && diff.empty) {
    throw conflict("nothing_to_publish", `Nothing to publish: this is exactly what version ${live.number} (live) already has.`);
  }
  return diff;
}
