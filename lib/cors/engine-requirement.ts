// A check that must pass in several engines ("allowed in Chromium and
// Firefox"): each required engine's verdict against the expectation, and,
// for an engine that fails, the departure from the Fetch Standard
// (./simulate/engines.ts) that makes it decide otherwise than the others.

import { ENGINE_DEPARTURES, engineProfile, type Engine, type EngineDeparture, type EngineRule } from "./simulate/engines";
import { explainEngineDifference } from "./simulate/sequence";

export interface EngineVerdictInput {
  readonly engine: Engine;
  readonly verdict: "allowed" | "blocked";
  readonly stage: "preflight" | "actual" | null;
  readonly failure: { readonly rule: string; readonly message: string } | null;
}

export interface EngineJudgementResult {
  readonly engine: Engine;
  readonly name: string;
  readonly verdict: "allowed" | "blocked";
  readonly stage: "preflight" | "actual" | null;
  readonly passed: boolean;
  readonly rule: string | null;
  readonly why: string | null;
}

export interface EngineRequirementResult {
  /** Every required engine gives the expected verdict. */
  readonly passed: boolean;
  /** The expectation when all pass, else the first failing engine's verdict (the strictest against the check). */
  readonly verdict: "allowed" | "blocked";
  readonly engines: readonly EngineJudgementResult[];
  /** The first engine that fails, if any. */
  readonly failed: EngineJudgementResult | null;
}

/**
 * Judge each engine's verdict against `expect`. `differences` are the
 * departure rules that explain why the engines disagree (explainEngineDifference,
 * or a probe's engineDifferences): the first one on which a failing engine
 * behaves differently from a passing one is named as its reason.
 */
export function judgeEngines(expect: "allowed" | "blocked", verdicts: readonly EngineVerdictInput[], differences: readonly string[]): EngineRequirementResult {
  const passing = verdicts.filter((v) => v.verdict === expect).map((v) => v.engine);
  const engines = verdicts.map((v): EngineJudgementResult => {
    const name = engineProfile(v.engine).name;
    const passed = v.verdict === expect;
    if (passed) return { engine: v.engine, name, verdict: v.verdict, stage: v.stage, passed, rule: null, why: null };
    const rule = differences.find((r) => {
      const departure = safeDeparture(r);
      return departure !== null && passing.some((p) => departure.engines[p].behaviour !== departure.engines[v.engine].behaviour);
    });
    const departure = rule === undefined ? null : safeDeparture(rule);
    const outcome = v.verdict === "blocked" ? `${name} blocks it${v.stage ? ` at the ${v.stage === "preflight" ? "preflight" : "actual request"}` : ""}` : `${name} allows it`;
    const own = v.failure ? `: ${v.failure.message}` : "";
    const because = departure ? ` — ${departure.title} (${departure.engines[v.engine].behaviour})` : "";
    return { engine: v.engine, name, verdict: v.verdict, stage: v.stage, passed, rule: departure?.id ?? v.failure?.rule ?? null, why: `${outcome}${because}${own}` };
  });
  const failed = engines.find((e) => !e.passed) ?? null;
  return { passed: failed === null, verdict: failed?.verdict ?? expect, engines, failed };
}

/** judgeEngines for simulated (predicted) verdicts: the differences are explained from each engine's departures. */
export function judgeSimulatedEngines(expect: "allowed" | "blocked", verdicts: readonly (EngineVerdictInput & { readonly departures: readonly EngineRule[] })[]): EngineRequirementResult {
  const differences = explainEngineDifference(Object.fromEntries(verdicts.map((v) => [v.engine, { verdict: v.verdict, ...(v.stage === null ? {} : { stage: v.stage }), departures: v.departures }])));
  return judgeEngines(expect, verdicts, differences.map((d) => d.departure.id));
}

function safeDeparture(rule: string): EngineDeparture | null {
  return ENGINE_DEPARTURES.find((d) => d.id === rule) ?? null;
}
