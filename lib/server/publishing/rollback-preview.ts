import { prisma } from "@/lib/server/db/client";
import type { RollbackPreview } from "@/lib/api/schemas/editing";
import type { PolicyContent } from "@/lib/api/schemas/policy";
import { notFound } from "@/lib/server/errors";
import { findEnvironment } from "@/lib/server/environments/find-environment";
import { diffPolicies } from "@/lib/server/policies/diff-policies";
import { liveVersion } from "@/lib/server/versions/live-version";

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
  return { liveVersion: live?.number ?? null, diff: diffPolicies(live?.content ?? null, target.content as unknown as PolicyContent) };
}
