import { prisma } from "@/lib/server/db/client";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { hashTokenSecret, tokenPrefix } from "@/lib/server/tokens/token-secret";

export const INIT_CLIENT_TOKEN_NAME = "init-client-token";

export interface InitClientToken {
  project: string;
  environment: string;
  secret: string;
}

export interface InitClientTokensResult {
  /** "project/environment" of each token now ready. */
  ready: string[];
  /** Entries naming a project or environment that doesn't exist (skipped). */
  missing: string[];
  /** Entries whose secret is an admin token's (never demoted; skipped). */
  refused: string[];
}

/**
 * CORSBOARD_INIT_CLIENT_TOKENS: make sure a config_read token with exactly
 * each listed secret exists, bound to that project and environment (for
 * services deployed along with Corsboard, CI, demos). The listed secrets are
 * THE init tokens of their environment: an init token of that environment
 * whose secret is no longer listed is revoked, so changing the variable
 * rotates them. A token with a listed secret that was revoked or bound
 * elsewhere is re-bound and re-activated. Idempotent, and safe when several
 * instances start at once (one advisory lock). Entries naming an unknown
 * project or environment are skipped and reported.
 */
export async function ensureInitClientTokens(entries: readonly InitClientToken[]): Promise<InitClientTokensResult> {
  const result: InitClientTokensResult = { ready: [], missing: [], refused: [] };
  if (entries.length === 0) return result;
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(72707374)`;
    const byEnvironment = new Map<string, { projectId: string; environmentId: string; label: string; hashes: Set<string> }>();
    for (const entry of entries) {
      const label = `${entry.project}/${entry.environment}`;
      const environment = await tx.environment.findFirst({
        where: { slug: entry.environment, project: { slug: entry.project } },
        select: { id: true, projectId: true },
      });
      if (!environment) {
        result.missing.push(label);
        continue;
      }
      const group = byEnvironment.get(environment.id) ?? { projectId: environment.projectId, environmentId: environment.id, label, hashes: new Set<string>() };
      byEnvironment.set(environment.id, group);
      const secretHash = hashTokenSecret(entry.secret);
      group.hashes.add(secretHash);

      const existing = await tx.apiToken.findUnique({ where: { secretHash } });
      if (existing && existing.scope === "admin" && !existing.revokedAt) {
        result.refused.push(label);
        continue;
      }
      const bound = existing && !existing.revokedAt && existing.scope === "config_read" && existing.environmentId === environment.id && existing.projectId === environment.projectId;
      if (!bound) {
        const data = { scope: "config_read" as const, projectId: environment.projectId, environmentId: environment.id, revokedAt: null };
        const token = existing
          ? await tx.apiToken.update({ where: { id: existing.id }, data })
          : await tx.apiToken.create({ data: { ...data, name: INIT_CLIENT_TOKEN_NAME, secretHash, prefix: tokenPrefix(entry.secret) } });
        await recordAudit(tx, "system", {
          action: "token.init",
          targetType: "token",
          targetId: token.id,
          projectId: environment.projectId,
          environmentId: environment.id,
          after: { name: token.name, scope: token.scope, project: entry.project, environment: entry.environment },
        });
      }
      if (!result.ready.includes(label)) result.ready.push(label);
    }
    for (const group of byEnvironment.values()) {
      const stale = await tx.apiToken.findMany({
        where: { name: INIT_CLIENT_TOKEN_NAME, environmentId: group.environmentId, revokedAt: null, secretHash: { notIn: [...group.hashes] } },
        select: { id: true },
      });
      if (stale.length === 0) continue;
      await tx.apiToken.updateMany({ where: { id: { in: stale.map((t) => t.id) } }, data: { revokedAt: new Date() } });
      await recordAudit(tx, "system", {
        action: "token.revoke",
        targetType: "environment",
        targetId: group.environmentId,
        projectId: group.projectId,
        environmentId: group.environmentId,
        after: { reason: "rotated by CORSBOARD_INIT_CLIENT_TOKENS", revoked: stale.length },
      });
    }
  });
  return result;
}
