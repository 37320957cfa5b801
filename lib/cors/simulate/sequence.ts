// A sequence of fetch() calls from one page, in one engine: the preflight
// cache carries over from each request to the next (the first difference
// between Chromium and Firefox shows only across requests).

import { DEFAULT_ENGINE, ENGINES, engineDeparture, engineProfile, type Engine, type EngineDeparture } from "./engines";
import { EMPTY_PREFLIGHT_CACHE } from "./preflight-cache";
import { simulate } from "./simulate";
import type { ObservedResponses, SimulateOptions, SimulateRequest, SimulationResult } from "./types";

export interface SequenceStep {
  readonly request: SimulateRequest;
  /** What the server answered this time (a cached preflight means `preflight` is not consulted). */
  readonly responses: ObservedResponses;
  /** Seconds since the first request. Default: the previous step's time. */
  readonly at?: number;
}

export function simulateSequence(steps: readonly SequenceStep[], options: Omit<SimulateOptions, "cache" | "now"> = {}): SimulationResult[] {
  const results: SimulationResult[] = [];
  let cache = EMPTY_PREFLIGHT_CACHE;
  let now = 0;
  for (const step of steps) {
    now = step.at ?? now;
    const result = simulate(step.request, step.responses, { ...options, cache, now });
    results.push(result);
    cache = result.cache;
  }
  return results;
}

/** One engine's verdict on the same request, for showing engines side by side. */
export function simulateEngines(
  request: SimulateRequest,
  responses: ObservedResponses,
  options: Omit<SimulateOptions, "engine"> = {},
  engines: readonly Engine[] = ENGINES,
): Record<Engine, SimulationResult | undefined> {
  const out: Record<Engine, SimulationResult | undefined> = { chromium: undefined, firefox: undefined, webkit: undefined };
  for (const engine of engines) out[engine] = simulate(request, responses, { ...options, engine });
  return out;
}

/** What explainEngineDifference compares of each engine's result: a simulation, or a probe's answer. */
export type EngineOutcome = Pick<SimulationResult, "verdict" | "stage" | "departures">;

export interface EngineDifference {
  readonly departure: EngineDeparture;
  /** Each engine's behaviour for this rule, for the engines compared. */
  readonly engines: readonly Engine[];
}

/**
 * Why results of several engines differ: the departures that bear on the
 * request and on which the compared engines behave differently. Empty when
 * every engine gives the same verdict and stage.
 */
export function explainEngineDifference(results: Partial<Record<Engine, EngineOutcome>>): EngineDifference[] {
  const present = (Object.keys(results) as Engine[]).filter((e) => results[e] !== undefined);
  const outcome = (r: EngineOutcome) => (r.verdict === "allowed" ? "allowed" : (r.stage ?? "actual"));
  const outcomes = new Set(present.map((e) => outcome(results[e] as EngineOutcome)));
  if (outcomes.size <= 1) return [];
  const rules = new Set(present.flatMap((e) => (results[e] as EngineOutcome).departures));
  const differences: EngineDifference[] = [];
  for (const rule of rules) {
    const departure = engineDeparture(rule);
    const behaviours = new Set(present.map((e) => departure.engines[e].behaviour));
    if (behaviours.size > 1) differences.push({ departure, engines: present });
  }
  return differences;
}

export { DEFAULT_ENGINE, engineProfile };
