import { z } from "zod";

export const auditQuerySchema = z.strictObject({
  action: z.string().max(100).optional(),
  targetType: z.string().max(50).optional(),
  actor: z.string().max(254).optional(),
  project: z.string().max(64).optional(),
  /** Environment slug; with `project`, that project's environment, else every project's environment of that slug. */
  environment: z.string().max(64).optional(),
  from: z.iso.datetime({ error: "Use an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z." }).optional(),
  to: z.iso.datetime({ error: "Use an ISO 8601 date-time, e.g. 2026-11-30T23:59:59Z." }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Return events older than this id (pagination, newest first). */
  before: z.coerce.number().int().positive().optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEventSchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  projectId: z.string().nullable(),
  environmentId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** Audit export: the same filters, every matching event (up to `limit`), as JSON or CSV. */
export const auditExportQuerySchema = auditQuerySchema.omit({ limit: true, before: true }).extend({
  format: z.enum(["json", "csv"]).default("json"),
  limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
});
export type AuditExportQuery = z.infer<typeof auditExportQuerySchema>;
