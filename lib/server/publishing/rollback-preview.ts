import { prisma } from "@/lib/server/db/client";
import type { RollbackPreview } from "@/lib/api/schemas/editing";
import { notFound } from "@/lib/server/errors";
import { findEnvironment } from "@/lib/server/environments/find-environment";
import { diffPolicies } from "@/lib/server/policies/diff-policies";
import { liveVersion } from "@/lib/server/versions/live-version";
import { policyContentFromColumn } from "@/lib/server/policies/policy-content-column";

/**
 * What rolling back to version `number` would change: the diff from the live
 * version to that version's content — the same diff a publish shows, so the
 * person sees what goes live before confirming.
 */
export async function rollbackPreview(projectSlug: string, environmentSlug: string, number: number): Promise<RollbackPreview> {
  const env = await findEnvironment(prisma, projectSlug, environmentSlug);
  const [target, live] = await Promise.all([
    prisma.policyVersion.findUnique({ where: { environmentId_number: { environmentId: env.id, number } }, select: { content: true } }),
    liveVersion(prisma, env.id),
  ]);
  if (!target) throw notFound(`Version ${number} of ${projectSlug}/${environmentSlug}`);
  return { liveVersion: live?.number ?? null, diff: diffPolicies(live?.content ?? null, policyContentFromColumn(target.content)) };
}
