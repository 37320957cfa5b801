import { prisma, isUniqueViolation } from "@/lib/server/db/client";
import type { Tx } from "@/lib/server/db/types";
import type { CreateEnvironmentRequest, CreateProjectRequest } from "@/lib/api/schemas/editing";
import type { ProjectDetail } from "@/lib/api/schemas/project";
import type { Actor } from "@/lib/server/auth/actor";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { conflict, validationFailed } from "@/lib/server/errors";
import { getProject } from "@/lib/server/projects/get-project";
import { reservedSlugError } from "@/lib/server/projects/reserved-slugs";
import { EDIT_TX } from "@/lib/server/tx-options";

/** dev, staging, prod — prod protected — when a new project names no environments. */
export const DEFAULT_ENVIRONMENTS: CreateEnvironmentRequest[] = [
  { slug: "dev", name: "dev", protected: false, baseUrls: [] },
  { slug: "staging", name: "staging", protected: false, baseUrls: [] },
  { slug: "prod", name: "prod", protected: true, baseUrls: [] },
];

/**
 * Create a project with its environments (each with an empty draft), in one
 * transaction with its audit entry. A taken slug → 409 `slug_taken` naming
 * `body.slug`.
 */
export async function createProject(actor: Actor, input: CreateProjectRequest): Promise<ProjectDetail> {
  const environments = input.environments ?? DEFAULT_ENVIRONMENTS;
  const errors = [reservedSlugError(input.slug, "body.slug"), ...duplicateSlugErrors(environments, "body.environments")].filter((e) => e !== null);
  if (errors.length > 0) throw validationFailed(errors);
  try {
    await prisma.$transaction(async (tx) => {
      const project = await insertProject(tx, { slug: input.slug, name: input.name, description: input.description ?? null }, environments);
      await recordAudit(tx, actor, {
        action: "project.create",
        targetType: "project",
        targetId: project.id,
        projectId: project.id,
        after: { slug: input.slug, name: input.name, description: input.description ?? null, environments },
      });
    }, EDIT_TX);
  } catch (e) {
    if (isUniqueViolation(e)) throw slugTaken(input.slug, "body.slug");
    throw e;
  }
  return getProject(input.slug);
}

/** Inserts a project, its environments in order and their empty drafts, inside the caller's transaction. */
export async function insertProject(
  tx: Tx,
  project: { slug: string; name: string; description: string | null },
  environments: readonly CreateEnvironmentRequest[],
): Promise<{ id: string; environmentIds: string[] }> {
  const row = await tx.project.create({ data: project, select: { id: true } });
  const environmentIds: string[] = [];
  for (const [position, env] of environments.entries()) {
    const created = await tx.environment.create({
      data: { projectId: row.id, slug: env.slug, name: env.name, position, protected: env.protected, baseUrls: env.baseUrls },
      select: { id: true },
    });
    await tx.policyDraft.create({ data: { environmentId: created.id, allowedMethods: [] } });
    environmentIds.push(created.id);
  }
  return { id: row.id, environmentIds };
}

export function slugTaken(slug: string, field: string) {
  return conflict("slug_taken", `A project with the slug "${slug}" already exists: choose another slug.`, {
    errors: [{ field, code: "taken", message: `"${slug}" is taken: choose another slug.` }],
  });
}

/** Every environment slug used twice in a list, at its second position. */
export function duplicateSlugErrors(environments: readonly { slug: string }[], field: string) {
  const seen = new Map<string, number>();
  return environments.flatMap((env, i) => {
    const first = seen.get(env.slug);
    if (first === undefined) {
      seen.set(env.slug, i);
      return [];
    }
    return [{ field: `${field}.${i}.slug`, code: "duplicate", message: `"${env.slug}" is already environment ${first + 1} of this project: use another slug.` }];
  });
}
