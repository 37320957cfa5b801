import { prisma } from "@/lib/server/db/client";
import type { Actor } from "@/lib/server/auth/actor";
import { notFound } from "@/lib/server/errors";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { toTokenDto, tokenDtoInclude } from "@/lib/server/tokens/token-dto";

/** Revoke a token: it stops working at once. Revoking twice is harmless. */
export async function revokeToken(actor: Actor, tokenId: string) {
  return prisma.$transaction(async (tx) => {
    const current = await tx.apiToken.findUnique({ where: { id: tokenId }, include: tokenDtoInclude });
    if (!current) throw notFound("The token");
    if (current.revokedAt) return toTokenDto(current);
    const updated = await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() }, include: tokenDtoInclude });
    const after = toTokenDto(updated);
    await recordAudit(tx, actor, {
      action: "token.revoke",
      targetType: "token",
      targetId: tokenId,
      projectId: current.projectId,
      environmentId: current.environmentId,
      before: toTokenDto(current),
      after,
    });
    return after;
  });
}
