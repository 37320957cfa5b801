import { prisma } from "@/lib/server/db/client";
import type { Version } from "@/lib/api/schemas/editing";
import { notFound } from "@/lib/server/errors";
import { findEnvironment } from "@/lib/server/environments/find-environment";
import { diffPolicies } from "@/lib/server/policies/diff-policies";
import { toVersionSummary, versionSummarySelect } from "@/lib/server/publishing/version-dto";
import { policyContentFromColumn } from "@/lib/server/policies/policy-content-column";

/** One version with its content and the diff vs the version before it (vs the empty policy for version 1). */
export async function getVersion(projectSlug: string, environmentSlug: string, number: number): Promise<Version> {
  const env = await findEnvironment(prisma, projectSlug, environmentSlug);
  const [row, previous] = await Promise.all([
    prisma.policyVersion.findUnique({
      where: { environmentId_number: { environmentId: env.id, number } },
      select: { ...versionSummarySelect, content: true },
    }),
    prisma.policyVersion.findFirst({ where: { environmentId: env.id, number: { lt: number } }, orderBy: { number: "desc" }, select: { content: true } }),
  ]);
  if (!row) throw notFound(`Version ${number} of ${projectSlug}/${environmentSlug}`);
  const content = policyContentFromColumn(row.content);
  return {
    ...toVersionSummary(row),
    content,
    diff: diffPolicies(previous ? policyContentFromColumn(previous.content) : null, content),
  };
}
