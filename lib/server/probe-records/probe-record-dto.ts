import { browserOutcomeSchema, probeRecordModeSchema, probeRecordPath, type ProbeRecord, type ProbeRecordSummary, type TesterRequest } from "@/lib/api/schemas/probe-record";
import type { ProbeResultDoc } from "@/lib/api/schemas/probe";

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
 * Rows were validated by the create schema before they were written, so the
 * JSON columns are trusted as those types; mode and browser are re-checked
 * cheaply so a hand-edited row degrades to "not-run" instead of breaking the page.
 */
export function toProbeRecordDto(row: ProbeRecordRow): ProbeRecord {
  const browser = browserOutcomeSchema.safeParse(row.browser);
  return {
    id: row.id,
    mode: probeRecordModeSchema.catch("browser").parse(row.mode),
    title: row.title,
    request: row.request as TesterRequest,
    result: (row.result ?? null) as ProbeResultDoc | null,
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
