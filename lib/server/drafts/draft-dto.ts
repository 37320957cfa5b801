import type { Tx } from "@/lib/server/db/types";
import type { Draft, LintFindingDto } from "@/lib/api/schemas/editing";
import type { PolicyContent } from "@/lib/api/schemas/policy";
import type { EnvironmentRef } from "@/lib/server/environments/find-environment";
import { diffPolicies } from "@/lib/server/policies/diff-policies";
import { lintContent } from "@/lib/server/policies/lint-content";
import { liveVersion } from "@/lib/server/versions/live-version";

export interface DraftState {
  revision: number;
  content: PolicyContent;
  updatedAt: Date;
  updatedBy: string | null;
}

/**
 * A draft as the editor gets it: content, diff vs live, lib/cors lint
 * findings (pass them when already computed for this content and
 * environment), the open change request.
 */
export async function buildDraft(db: Tx, env: EnvironmentRef, state: DraftState, findings?: LintFindingDto[]): Promise<Draft> {
  const [live, pending] = await Promise.all([
    liveVersion(db, env.id),
    db.changeRequest.findUnique({ where: { openEnvironmentId: env.id }, select: { id: true } }),
  ]);
  return {
    project: env.projectSlug,
    environment: env.slug,
    protected: env.protected,
    revision: state.revision,
    content: state.content,
    updatedAt: state.updatedAt.toISOString(),
    updatedBy: state.updatedBy,
    liveVersion: live?.number ?? null,
    diff: diffPolicies(live?.content ?? null, state.content),
    findings: findings ?? lintContent(state.content, env),
    pendingChangeRequest: pending?.id ?? null,
  };
}
