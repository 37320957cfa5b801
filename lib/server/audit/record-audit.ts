import type { Tx } from "@/lib/server/db/types";
import { Prisma } from "@/lib/server/db/generated/client";
import { actorLabel, actorUserId, type Actor } from "@/lib/server/auth/actor";

export interface AuditEntry {
  /** Verb-noun, e.g. "user.create", "token.revoke". */
  action: string;
  targetType: string;
  targetId?: string | null;
  projectId?: string | null;
  environmentId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Who acted when no person did (startup bootstrap from environment variables). */
export const SYSTEM_ACTOR_LABEL = "system";

/**
 * Record an audit event inside the caller's transaction, so the change and
 * its audit entry are written together or not at all.
 */
export async function recordAudit(tx: Tx, actor: Actor | "system", entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: actor === "system" ? null : actorUserId(actor),
      actorLabel: actor === "system" ? SYSTEM_ACTOR_LABEL : actorLabel(actor),
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      projectId: entry.projectId ?? null,
      environmentId: entry.environmentId ?? null,
      before: toJson(entry.before),
      after: toJson(entry.after),
    },
  });
}

function toJson(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  if (value === undefined || value === null) return Prisma.DbNull;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
