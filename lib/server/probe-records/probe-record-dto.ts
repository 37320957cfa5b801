import { browserOutcomeSchema, probeRecordModeSchema, probeRecordPath, storedTesterRequestSchema, type ProbeRecord, type ProbeRecordSummary } from "@/lib/api/schemas/probe-record";
import { probeResultSchema } from "@/lib/api/schemas/probe";
import { AppError } from "@/lib/server/errors";

/** A probe_record row as read from the database. */
export interface ProbeRecordRow {
  id: string;
  mode: string;
  request: unknown;
  result: unknown;
  browser: unknown;
  title: string | null;
  createdByLabel: string;
  createdAt: Date;
}

/**
 * The JSON columns are parsed with the schemas they were written with, never
 * cast: a row written by an older version (or edited by hand) whose result no
 * longer fits shows as "no server result" and a browser outcome as "not-run",
 * instead of handing the page a shape it doesn't expect. The request is what
 * the record is about: without a readable one there is nothing to show.
 */
export function toProbeRecordDto(row: ProbeRecordRow): ProbeRecord {
  const browser = browserOutcomeSchema.safeParse(row.browser);
  const request = storedTesterRequestSchema.safeParse(row.request);
  if (!request.success) throw new AppError(500, "unreadable_record", `Probe record ${row.id} has a request Corsboard can no longer read.`);
  const result = row.result === null ? null : probeResultSchema.safeParse(row.result);
  return {
    id: row.id,
    mode: probeRecordModeSchema.catch("browser").parse(row.mode),
    title: row.title,
    request: request.data,
    result: result?.success ? result.data : null,
    browser: browser.success ? browser.data : { outcome: "not-run", durationMs: 0, pageOrigin: "" },
    createdBy: row.createdByLabel,
    createdAt: row.createdAt.toISOString(),
    url: probeRecordPath(row.id),
  };
}

export function toProbeRecordSummary(row: ProbeRecordRow): ProbeRecordSummary {
  const record = toProbeRecordDto(row);
  return {
    id: record.id,
    mode: record.mode,
    title: record.title,
    method: record.request.method,
    targetUrl: record.request.url,
    origin: record.request.origin,
    verdict: record.result?.verdict ?? null,
    browserOutcome: record.browser.outcome,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    url: record.url,
  };
}
