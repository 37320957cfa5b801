import { z } from "zod";

/** A calendar day as the audit page's date inputs give it (YYYY-MM-DD). */
export const auditDaySchema = z.iso.date({ error: "Use a date, e.g. 2026-11-01." });

/** Both ends of a date range given: the start must not be after the end (API query and form alike). */
function rangeInOrder(value: { from?: string | undefined; to?: string | undefined }, ctx: z.core.$RefinementCtx<unknown>) {
  if (value.from && value.to && Date.parse(value.from) > Date.parse(value.to)) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "The end of the date range is before its start." });
  }
}

/**
 * The audit page's date range (its two date inputs, in the viewer's time
 * zone): `from` and `to` are whole days, both included. `dayRangeToInstants`
 * turns them into the API's `from`/`to` instants.
 */
export const auditDateRangeFormSchema = z.object({ from: auditDaySchema.optional(), to: auditDaySchema.optional() }).superRefine(rangeInOrder);
export type AuditDateRangeForm = z.infer<typeof auditDateRangeFormSchema>;

/**
 * An ISO 8601 instant the database can compare with: zod takes any
 * four-digit year, but PostgreSQL's timestamp has no year 0 (0000-01-01, or
 * 0001-01-01T00:30+01:00, which is still year 0 in UTC) — a 500 before this.
 */
function instantSchema(example: string) {
  const error = `Use an ISO 8601 date-time, e.g. ${example}.`;
  return z.iso
    .datetime({ offset: true, error })
    .refine((value) => new Date(value).getUTCFullYear() >= 1, { error: `${error} (Years start at 0001.)` });
}

/** The filters shared by the list and the export. */
const auditFilterFields = {
  action: z.string().max(100).optional(),
  targetType: z.string().max(50).optional(),
  actor: z.string().max(254).optional(),
  project: z.string().max(64).optional(),
  /** Environment slug; with `project`, that project's environment, else every project's environment of that slug. */
  environment: z.string().max(64).optional(),
  /** Events at or after this instant. */
  from: instantSchema("2026-11-01T00:00:00Z").optional(),
  /** Events at or before this instant. */
  to: instantSchema("2026-11-30T23:59:59Z").optional(),
};

export const auditQuerySchema = z
  .strictObject({
    ...auditFilterFields,
    limit: z.coerce.number().int().min(1).max(500).default(100),
    /** Return events older than this id (pagination, newest first). */
    before: z.coerce.number().int().positive().optional(),
  })
  .superRefine(rangeInOrder);
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEventSchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  /** The target in words where it still exists: a user's email, a token's name, `project/environment`, a project's slug. */
  targetLabel: z.string().nullable(),
  projectId: z.string().nullable(),
  environmentId: z.string().nullable(),
  /** Slugs of the project and environment, where they still exist. */
  project: z.string().nullable(),
  environment: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** Audit export: the same filters (date range included), every matching event (up to `limit`), as JSON or CSV. */
export const auditExportQuerySchema = z
  .strictObject({
    ...auditFilterFields,
    format: z.enum(["json", "csv"]).default("json"),
    limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
  })
  .superRefine(rangeInOrder);
export type AuditExportQuery = z.infer<typeof auditExportQuerySchema>;

/** The first and last instant of a range of local days (the viewer's time zone), as the API's `from`/`to`. */
export function dayRangeToInstants(range: AuditDateRangeForm): { from?: string; to?: string } {
  const at = (day: string, time: string) => new Date(`${day}T${time}`).toISOString();
  return { ...(range.from ? { from: at(range.from, "00:00:00.000") } : {}), ...(range.to ? { to: at(range.to, "23:59:59.999") } : {}) };
}
