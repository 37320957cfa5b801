import { prisma } from "@/lib/server/db/client";
import type { VersionSummary } from "@/lib/api/schemas/editing";
import { findEnvironment } from "@/lib/server/environments/find-environment";
import { toVersionSummary, versionSummarySelect } from "@/lib/server/publishing/version-dto";

/** Every version of an environment, newest first (without content: the list stays small). */
export async function listVersions(projectSlug: string, environmentSlug: string): Promise<VersionSummary[]> {
  const env = await findEnvironment(prisma, projectSlug, environmentSlug);
  const rows = await prisma.policyVersion.findMany({ where: { environmentId: env.id }, orderBy: { number: "desc" }, select: versionSummarySelect });
  return rows.map(toVersionSummary);
}
