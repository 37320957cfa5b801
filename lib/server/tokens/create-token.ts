import { prisma } from "@/lib/server/db/client";
import type { CreateTokenRequest, CreatedToken } from "@/lib/api/schemas/token";
import { actorUserId, type Actor } from "@/lib/server/auth/actor";
import { validationFailed } from "@/lib/server/errors";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { generateTokenSecret, hashTokenSecret, tokenPrefix } from "@/lib/server/tokens/token-secret";
import { toTokenDto, tokenDtoInclude } from "@/lib/server/tokens/token-dto";

/**
 * Create an API token. The secret is returned once, here, and only its hash
 * is stored. Config tokens are bound to one project environment.
 */
export async function createToken(actor: Actor, input: CreateTokenRequest): Promise<CreatedToken> {
  const secret = generateTokenSecret();
  return prisma.$transaction(async (tx) => {
    let projectId: string | null = null;
    let environmentId: string | null = null;
    if (input.scope === "config_read") {
      const project = await tx.project.findUnique({ where: { slug: input.project ?? "" }, select: { id: true } });
      if (!project) {
        throw validationFailed([{ field: "body.project", code: "not_found", message: `There is no project "${input.project}": use an existing project's slug.` }]);
      }
      const environment = await tx.environment.findUnique({
        where: { projectId_slug: { projectId: project.id, slug: input.environment ?? "" } },
        select: { id: true },
      });
      if (!environment) {
        throw validationFailed([
          { field: "body.environment", code: "not_found", message: `Project "${input.project}" has no environment "${input.environment}".` },
        ]);
      }
      projectId = project.id;
      environmentId = environment.id;
    }
    const row = await tx.apiToken.create({
      data: {
        name: input.name,
        scope: input.scope,
        secretHash: hashTokenSecret(secret),
        prefix: tokenPrefix(secret),
        projectId,
        environmentId,
        createdById: actorUserId(actor),
      },
      include: tokenDtoInclude,
    });
    const token = toTokenDto(row);
    await recordAudit(tx, actor, { action: "token.create", targetType: "token", targetId: row.id, projectId, environmentId, after: token });
    return { token, secret };
  });
}
