import type { AuditEvent } from "@/lib/api/schemas/audit";
import type { AuditNames } from "@/lib/server/audit/audit-names";

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

export function toAuditEventDto(r: AuditEventRow, names: AuditNames): AuditEvent {
  return {
    id: r.id.toString(),
    at: r.at.toISOString(),
    actor: r.actorLabel,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    targetLabel: names.target(r),
    projectId: r.projectId,
    environmentId: r.environmentId,
    project: names.project(r.projectId),
    environment: names.environment(r.environmentId),
    before: r.before ?? null,
    after: r.after ?? null,
  };
}
