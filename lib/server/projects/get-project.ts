import { prisma } from "@/lib/server/db/client";
import type { ProjectDetail } from "@/lib/api/schemas/project";
import { notFound } from "@/lib/server/errors";
import { environmentSummaryInclude, toEnvironmentSummary } from "@/lib/server/projects/project-dto";
import { draftContent } from "@/lib/server/policies/draft-content";
import { EMPTY_POLICY } from "@/lib/api/policy-defaults";

/** One project with each environment's draft policy. */
export async function getProject(slug: string): Promise<ProjectDetail> {
  const row = await prisma.project.findUnique({
    where: { slug },
    include: {
      environments: {
        orderBy: { position: "asc" },
        include: { ...environmentSummaryInclude, draft: { include: { origins: true, _count: { select: { origins: true } } } } },
      },
    },
  });
  if (!row) throw notFound(`Project "${slug}"`);
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    archived: row.archivedAt !== null,
    samplePaths: row.samplePaths,
    environments: row.environments.map((env) => {
      const draft = env.draft;
      const content = draft ? draftContent(draft) : EMPTY_POLICY;
      return { ...toEnvironmentSummary(env), draft: { ...content, revision: draft?.revision ?? 0 } };
    }),
  };
}
