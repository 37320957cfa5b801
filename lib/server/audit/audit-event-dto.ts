import type { AuditEvent } from "@/lib/api/schemas/audit";

export interface AuditEventRow {
  id: bigint;
  at: Date;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  projectId: string | null;
  environmentId: string | null;
  before: unknown;
  after: unknown;
}

export function toAuditEventDto(r: AuditEventRow): AuditEvent {
  return {
    id: r.id.toString(),
    at: r.at.toISOString(),
    actor: r.actorLabel,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    projectId: r.projectId,
    environmentId: r.environmentId,
    before: r.before ?? null,
    after: r.after ?? null,
  };
}
