import { prisma } from "@/lib/server/db/client";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { hashTokenSecret, tokenPrefix } from "@/lib/server/tokens/token-secret";

const INIT_TOKEN_NAME = "init-admin-token";

/**
 * CORSBOARD_INIT_ADMIN_TOKEN: make sure an admin-scoped token with exactly
 * this secret exists (for CI and scripts). Refreshes it when the secret
 * changes: the previous init token is revoked, so rotating the variable
 * rotates the token. Idempotent across restarts and racing instances.
 */
export async function ensureInitAdminToken(secret: string): Promise<void> {
  const secretHash = hashTokenSecret(secret);
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(72707372)`;
    const existing = await tx.apiToken.findUnique({ where: { secretHash } });
    if (existing && !existing.revokedAt && existing.scope === "admin") return;
    const stale = await tx.apiToken.findMany({ where: { name: INIT_TOKEN_NAME, revokedAt: null, NOT: { secretHash } } });
    if (stale.length > 0) {
      await tx.apiToken.updateMany({ where: { id: { in: stale.map((t) => t.id) } }, data: { revokedAt: new Date() } });
    }
    const token = existing
      ? await tx.apiToken.update({ where: { id: existing.id }, data: { revokedAt: null, scope: "admin", projectId: null, environmentId: null } })
      : await tx.apiToken.create({
          data: { name: INIT_TOKEN_NAME, scope: "admin", secretHash, prefix: tokenPrefix(secret) },
        });
    await recordAudit(tx, "system", {
      action: "token.init",
      targetType: "token",
      targetId: token.id,
      after: { name: token.name, scope: token.scope, revokedPrevious: stale.length },
    });
  });
}
