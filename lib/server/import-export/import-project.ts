import { prisma, isUniqueViolation } from "@/lib/server/db/client";
import type { Tx } from "@/lib/server/db/types";
import type { ImportDocument, ImportRequest } from "@/lib/api/schemas/editing";
import type { ProjectDetail } from "@/lib/api/schemas/project";
import { actorLabel, actorUserId, type Actor } from "@/lib/server/auth/actor";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { notFound, validationFailed } from "@/lib/server/errors";
import { assertEditable } from "@/lib/server/environments/find-environment";
import { loadDraftRow, lockDraft } from "@/lib/server/drafts/lock-draft";
import { normalizePolicyEdit } from "@/lib/server/drafts/normalize-policy-edit";
import { writeDraftOrigins } from "@/lib/server/drafts/write-draft-origins";
import { validateImportDocument } from "@/lib/server/import-export/validate-import-document";
import { diffForAudit, diffPolicies, samePolicyContent } from "@/lib/server/policies/diff-policies";
import { draftContent } from "@/lib/server/policies/draft-content";
import { getProject } from "@/lib/server/projects/get-project";
import { insertProject, slugTaken } from "@/lib/server/projects/create-project";
import { reservedSlugError } from "@/lib/server/projects/reserved-slugs";
import { EDIT_TX } from "@/lib/server/tx-options";
import type { PolicyContent } from "@/lib/api/schemas/policy";

/**
 * Import an exported project document, validated first with every problem
 * listed (validateImportDocument), then written in one transaction:
 * - `create`: a new project (under `slug`, or the document's), its
 *   environments in order and their drafts;
 * - `replace-drafts`: an existing project's drafts are replaced by the
 *   document's (environments it lacks are added; names, protection and base
 *   URLs of existing ones are left as they are — protection needs an admin).
 * Drafts only: publishing stays a separate, reviewed step.
 */
export async function importProject(actor: Actor, input: { document: unknown; mode: ImportRequest["mode"]; slug?: string | undefined }): Promise<{ project: ProjectDetail; created: boolean }> {
  const document = validateImportDocument(input.document);
  const slug = input.slug ?? document.project.slug;
  const reserved = reservedSlugError(slug, input.slug ? "body.slug" : "body.document.project.slug");
  if (reserved) throw validationFailed([reserved]);
  const policies = document.environments.map((env) => normalizePolicyEdit(env.policy));

  if (input.mode === "create") {
    try {
      await prisma.$transaction(async (tx) => {
        const project = await insertProject(tx, { slug, name: document.project.name, description: document.project.description }, document.environments);
        for (const [i, environmentId] of project.environmentIds.entries()) {
          await writeDraft(tx, actor, environmentId, [], policies[i] as PolicyContent);
        }
        await recordAudit(tx, actor, {
          action: "project.import",
          targetType: "project",
          targetId: project.id,
          projectId: project.id,
          after: { slug, mode: input.mode, ...summary(document) },
        });
      }, EDIT_TX);
    } catch (e) {
      if (isUniqueViolation(e)) throw slugTaken(slug, input.slug ? "body.slug" : "body.document.project.slug");
      throw e;
    }
    return { project: await getProject(slug), created: true };
  }

  await prisma.$transaction(async (tx) => {
    const project = await tx.project.findUnique({ where: { slug }, select: { id: true, slug: true, archivedAt: true } });
    if (!project) throw notFound(`Project "${slug}" (mode "replace-drafts" imports into an existing project; use "create" for a new one)`);
    assertEditable({ archived: project.archivedAt !== null, projectSlug: slug });
    await tx.$queryRaw`SELECT "id" FROM "project" WHERE "id" = ${project.id} FOR NO KEY UPDATE`;
    const last = await tx.environment.findFirst({ where: { projectId: project.id }, orderBy: { position: "desc" }, select: { position: true } });
    let nextPosition = (last?.position ?? -1) + 1;
    const added: string[] = [];
    for (const [i, docEnv] of document.environments.entries()) {
      const content = policies[i] as PolicyContent;
      let environmentId = (await tx.environment.findUnique({ where: { projectId_slug: { projectId: project.id, slug: docEnv.slug } }, select: { id: true } }))?.id;
      if (!environmentId) {
        const env = await tx.environment.create({
          data: { projectId: project.id, slug: docEnv.slug, name: docEnv.name, protected: docEnv.protected, baseUrls: docEnv.baseUrls, position: nextPosition++ },
        });
        await tx.policyDraft.create({ data: { environmentId: env.id, allowedMethods: [] } });
        environmentId = env.id;
        added.push(docEnv.slug);
        await recordAudit(tx, actor, {
          action: "environment.create",
          targetType: "environment",
          targetId: env.id,
          projectId: project.id,
          environmentId: env.id,
          after: { slug: docEnv.slug, name: docEnv.name, protected: docEnv.protected, baseUrls: docEnv.baseUrls, via: "import" },
        });
      }
      await lockDraft(tx, environmentId);
      const row = await loadDraftRow(tx, environmentId);
      const before = draftContent(row);
      if (samePolicyContent(before, content)) continue;
      const revision = await writeDraft(tx, actor, environmentId, row.origins, content);
      const changes = diffForAudit(diffPolicies(before, content));
      await recordAudit(tx, actor, {
        action: "draft.import",
        targetType: "environment",
        targetId: environmentId,
        projectId: project.id,
        environmentId,
        before: { revision: row.revision, ...changes.before },
        after: { revision, ...changes.after },
      });
    }
    await recordAudit(tx, actor, {
      action: "project.import",
      targetType: "project",
      targetId: project.id,
      projectId: project.id,
      after: { slug, mode: input.mode, addedEnvironments: added, ...summary(document) },
    });
  }, EDIT_TX);
  return { project: await getProject(slug), created: false };
}

async function writeDraft(tx: Tx, actor: Actor, environmentId: string, existing: Parameters<typeof writeDraftOrigins>[2], content: PolicyContent): Promise<number> {
  await writeDraftOrigins(tx, environmentId, existing, content.origins, actorUserId(actor));
  const { origins: _origins, ...settings } = content;
  const row = await tx.policyDraft.update({
    where: { environmentId },
    data: { ...settings, revision: { increment: 1 }, updatedById: actorUserId(actor), updatedByLabel: actorLabel(actor) },
    select: { revision: true },
  });
  return row.revision;
}

function summary(document: ImportDocument) {
  return { environments: document.environments.map((env) => ({ slug: env.slug, origins: env.policy.origins.length })) };
}
