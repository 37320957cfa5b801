import type { PolicyContent } from "@/lib/api/schemas/policy";
import type { MigrationTarget } from "@/lib/api/schemas/migration-check";
import type { FieldError } from "@/lib/api/problem";
import { prisma } from "@/lib/server/db/client";
import { validationFailed } from "@/lib/server/errors";
import { draftContent } from "@/lib/server/policies/draft-content";
import { EMPTY_POLICY } from "@/lib/api/policy-defaults";
import { endpointUrls } from "./endpoints";
import { policyContentFromColumn } from "@/lib/server/policies/policy-content-column";

/** An environment to check, with what the check compares against. */
export interface LoadedTarget {
  project: string;
  projectName: string;
  environment: string;
  environmentName: string;
  protected: boolean;
  endpoints: string[];
  live: { number: number; content: PolicyContent } | null;
  draft: PolicyContent;
}

/**
 * The chosen environments with their endpoints, published policy and draft.
 * Unknown projects or environments are refused together, each at its index
 * (`body.targets.<i>.project` / `.environment`).
 */
export async function loadTargets(targets: readonly MigrationTarget[]): Promise<LoadedTarget[]> {
  const slugs = [...new Set(targets.map((t) => t.project))];
  const projects = await prisma.project.findMany({
    where: { slug: { in: slugs } },
    select: {
      slug: true,
      name: true,
      samplePaths: true,
      environments: {
        select: {
          id: true,
          slug: true,
          name: true,
          protected: true,
          baseUrls: true,
          draft: { include: { origins: true } },
          versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, content: true } },
        },
      },
    },
  });
  const bySlug = new Map(projects.map((p) => [p.slug, p]));
  const errors: FieldError[] = [];
  const loaded: LoadedTarget[] = [];
  targets.forEach((t, i) => {
    const project = bySlug.get(t.project);
    if (!project) {
      errors.push({ field: `body.targets.${i}.project`, code: "not_found", message: `There is no project "${t.project}": choose one from the list.` });
      return;
    }
    const env = project.environments.find((e) => e.slug === t.environment);
    if (!env) {
      const known = project.environments.map((e) => e.slug).join(", ");
      errors.push({ field: `body.targets.${i}.environment`, code: "not_found", message: `Project "${t.project}" has no environment "${t.environment}"${known ? `; it has ${known}` : ""}.` });
      return;
    }
    const version = env.versions[0];
    loaded.push({
      project: project.slug,
      projectName: project.name,
      environment: env.slug,
      environmentName: env.name,
      protected: env.protected,
      endpoints: endpointUrls(env.baseUrls, project.samplePaths),
      live: version ? { number: version.number, content: policyContentFromColumn(version.content) } : null,
      draft: env.draft ? draftContent(env.draft) : EMPTY_POLICY,
    });
  });
  if (errors.length > 0) throw validationFailed(errors, "Some of the chosen environments do not exist; see `errors`. Nothing was probed.");
  return loaded;
}
