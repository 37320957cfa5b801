import { prisma } from "@/lib/server/db/client";
import type { Tx } from "@/lib/server/db/types";
import type { Draft } from "@/lib/api/schemas/editing";
import { findEnvironment, type EnvironmentRef } from "@/lib/server/environments/find-environment";
import { buildDraft, type DraftState } from "@/lib/server/drafts/draft-dto";
import { draftContent } from "@/lib/server/policies/draft-content";
import { EMPTY_POLICY } from "@/lib/api/policy-defaults";

/** The draft of an environment, with its diff vs live and its lint findings. */
export async function getDraft(projectSlug: string, environmentSlug: string): Promise<Draft> {
  const env = await findEnvironment(prisma, projectSlug, environmentSlug);
  return buildDraft(prisma, env, await readDraftState(prisma, env));
}

/** The stored draft (an environment without a draft row has the empty policy at revision 0). */
export async function readDraftState(db: Tx, env: EnvironmentRef): Promise<DraftState> {
  const row = await db.policyDraft.findUnique({ where: { environmentId: env.id }, include: { origins: true } });
  if (!row) return { revision: 0, content: EMPTY_POLICY, updatedAt: env.createdAt, updatedBy: null };
  return { revision: row.revision, content: draftContent(row), updatedAt: row.updatedAt, updatedBy: row.updatedByLabel };
}
