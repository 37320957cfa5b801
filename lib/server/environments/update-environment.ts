import { prisma } from "@/lib/server/db/client";
import type { UpdateEnvironmentRequest } from "@/lib/api/schemas/editing";
import type { EnvironmentSummary } from "@/lib/api/schemas/project";
import type { Actor } from "@/lib/server/auth/actor";
import { roleAtLeast } from "@/lib/server/auth/roles";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { AppError, validationFailed } from "@/lib/server/errors";
import { assertEditable, findEnvironment } from "@/lib/server/environments/find-environment";
import { environmentSummaryInclude, toEnvironmentSummary } from "@/lib/server/projects/project-dto";
import { EDIT_TX } from "@/lib/server/tx-options";

/**
 * Rename an environment, change its base URLs, or mark it protected. Changing
 * `protected` needs an admin (403 `admin_only` otherwise): it decides whether
 * publishing needs a second person.
 */
export async function updateEnvironment(actor: Actor, projectSlug: string, environmentSlug: string, input: UpdateEnvironmentRequest): Promise<EnvironmentSummary> {
  if (input.name === undefined && input.protected === undefined && input.baseUrls === undefined) {
    throw validationFailed([{ field: "body", code: "empty", message: "Send at least one of name, protected or baseUrls." }]);
  }
  return prisma.$transaction(async (tx) => {
    const env = await findEnvironment(tx, projectSlug, environmentSlug);
    assertEditable(env);
    if (input.protected !== undefined && input.protected !== env.protected && !(actor.role && roleAtLeast(actor.role, "admin"))) {
      throw new AppError(403, "admin_only", `Only an admin can ${input.protected ? "protect" : "unprotect"} an environment.`, [
        { field: "body.protected", code: "admin_only", message: "Ask an admin to change whether this environment is protected." },
      ]);
    }
    const before = { name: env.name, protected: env.protected, baseUrls: env.baseUrls };
    const after = { name: input.name ?? env.name, protected: input.protected ?? env.protected, baseUrls: input.baseUrls ?? env.baseUrls };
    const row = await tx.environment.update({ where: { id: env.id }, data: after, include: environmentSummaryInclude });
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await recordAudit(tx, actor, {
        action: before.protected !== after.protected ? (after.protected ? "environment.protect" : "environment.unprotect") : "environment.update",
        targetType: "environment",
        targetId: env.id,
        projectId: env.projectId,
        environmentId: env.id,
        before,
        after,
      });
    }
    return toEnvironmentSummary(row);
  }, EDIT_TX);
}
