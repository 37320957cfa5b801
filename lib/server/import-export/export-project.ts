import { prisma } from "@/lib/server/db/client";
import type { ExportDocument } from "@/lib/api/schemas/editing";
import { notFound } from "@/lib/server/errors";
import { draftContent } from "@/lib/server/policies/draft-content";
import { EMPTY_POLICY } from "@/lib/api/policy-defaults";

export const EXPORT_FORMAT = "corsboard.project/v1" as const;

/**
 * A project's policies as one JSON document: the project, its environments in
 * order with their settings, and each environment's draft (what is being
 * edited; published versions stay in the history). Importing it under another
 * slug and exporting again gives the same document but for the slug.
 */
export async function exportProject(slug: string): Promise<ExportDocument> {
  const project = await prisma.project.findUnique({
    where: { slug },
    include: { environments: { orderBy: { position: "asc" }, include: { draft: { include: { origins: true } } } } },
  });
  if (!project) throw notFound(`Project "${slug}"`);
  return {
    format: EXPORT_FORMAT,
    project: { slug: project.slug, name: project.name, description: project.description },
    environments: project.environments.map((env) => ({
      slug: env.slug,
      name: env.name,
      protected: env.protected,
      baseUrls: env.baseUrls,
      policy: env.draft ? draftContent(env.draft) : EMPTY_POLICY,
    })),
  };
}
