import type { SavedCheck, SavedCheckRun } from "@/lib/api/schemas/saved-check";
import type { ProbeResultDoc } from "@/lib/api/schemas/probe";
import { orderEngines, type EngineJudgement } from "@/lib/api/schemas/engines";

export interface SavedCheckRow {
  id: string;
  name: string;
  url: string;
  origin: string;
  method: string;
  headers: unknown;
  credentials: string;
  expect: string;
  sendActual: boolean;
  engines: string[];
  position: number;
  createdByLabel: string;
  createdAt: Date;
  updatedAt: Date;
  lastRunAt: Date | null;
  lastTrigger: string | null;
  lastVerdict: string | null;
  lastPassed: boolean | null;
  lastVersion: number | null;
  lastResult: unknown;
}

/** What a run stores in `lastResult`: the probe's answer with each required engine's judgement, or why the target could not be probed. */
export type StoredRunResult = { probe: ProbeResultDoc; engines: EngineJudgement[] } | { error: string };

function lastRun(row: SavedCheckRow): SavedCheckRun | null {
  if (!row.lastRunAt || !row.lastTrigger || !row.lastVerdict) return null;
  const stored = (row.lastResult ?? {}) as Partial<{ probe: ProbeResultDoc; error: string; engines: EngineJudgement[] }>;
  return {
    at: row.lastRunAt.toISOString(),
    trigger: row.lastTrigger as SavedCheckRun["trigger"],
    verdict: row.lastVerdict as SavedCheckRun["verdict"],
    passed: row.lastPassed === true,
    version: row.lastVersion,
    result: stored.probe ?? null,
    error: stored.error ?? null,
    // Runs before engines could be required judged Chromium only and stored no judgement.
    engines: stored.engines ?? [],
  };
}

export function toSavedCheckDto(row: SavedCheckRow): SavedCheck {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    origin: row.origin,
    method: row.method,
    headers: (row.headers ?? {}) as Record<string, string>,
    credentials: row.credentials === "include" ? "include" : "omit",
    expect: row.expect === "blocked" ? "blocked" : "allowed",
    sendActual: row.sendActual,
    engines: orderEngines(row.engines),
    position: row.position,
    createdBy: row.createdByLabel,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastRun: lastRun(row),
  };
}

/** Checks of one environment in the order they were added (position, then creation). */
export const SAVED_CHECK_ORDER = [{ position: "asc" as const }, { createdAt: "asc" as const }];
