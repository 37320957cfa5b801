// The probe in several browser engines: the request is probed once per engine
// (each engine may send different requests — Firefox preflights a redirected
// request again, and client hints), the first engine's result is the main
// one, and the answer says, per engine, the verdict and, when engines
// disagree, which of their departures from the Fetch Standard
// (lib/cors/simulate/engines.ts) makes the difference.

import {
  ENGINE_DEPARTURES,
  ENGINES,
  engineProfile,
  explainEngineDifference,
  type Engine,
  type EngineOutcome,
  type EngineRule,
} from "@/lib/cors/simulate";
const isEngineRule = (rule: string): rule is EngineRule => ENGINE_DEPARTURES.some((d) => d.id === rule);

import { exchange, type ExchangeRequest, type ExchangeResult } from "./http-exchange";
import { withResolveCache } from "./resolve-cache";
import type { NetworkCause, TargetRefusal } from "./probe-outcome";
import { runProbe, type ProbeInput, type ProbeOptions, type ProbeResult } from "./run-probe";

export interface EngineVerdict {
  readonly engine: Engine;
  readonly name: string;
  /** `"run"`: checked against the real browser by Corsboard's differential suite; `"modelled"`: on paper, not run here. */
  readonly verification: "run" | "modelled";
  readonly verdict: "allowed" | "blocked";
  readonly stage: "preflight" | "actual" | null;
  readonly failure: ProbeResult["failure"];
  readonly warnings: readonly string[];
}

export interface EngineDifferenceDoc {
  readonly rule: string;
  readonly title: string;
  readonly standard: string;
  readonly standardSource: string;
  /** What each compared engine does, with its source. */
  readonly engines: Readonly<Partial<Record<Engine, { readonly behaviour: string; readonly source: string }>>>;
}

export interface EnginesAnswer {
  readonly engines: readonly EngineVerdict[];
  /** Empty when every engine gives the same verdict and stage. */
  readonly engineDifferences: readonly EngineDifferenceDoc[];
}

/**
 * The probe's answer: the main engine's result with every engine's verdict.
 * The API's probeResultSchema documents it field for field (compile-time
 * link in ./run-signed-probe.ts).
 */
export type ProbeAnswer = ProbeResult & EnginesAnswer;

/**
 * Probes `input` in each engine (default all; the first is the main result),
 * concurrently; a request two engines would both send goes out once. The
 * actual request of a method other than GET/HEAD (sendActual) is sent for the
 * first engine only: it may change data, so it is not repeated.
 */
/** The probe's outcome (./probe-outcome.ts), its result carrying every engine's verdict. */
export type EnginesOutcome =
  | { readonly kind: "refused"; readonly refusal: TargetRefusal }
  | { readonly kind: "unreachable"; readonly cause: NetworkCause; readonly result: ProbeAnswer }
  | { readonly kind: "answered"; readonly result: ProbeAnswer };

export async function runProbeEngines(
  input: Omit<ProbeInput, "engine">,
  options: ProbeOptions,
  engines: readonly Engine[] = ENGINES,
): Promise<EnginesOutcome> {
  const list = engines.length === 0 ? [...ENGINES] : [...new Set(engines)];
  // One DNS answer for every engine's run (the same target, no second lookup to rebind), and each
  // distinct request sent once: engines that send the same preflight share its answer.
  const shared: ProbeOptions = { ...withResolveCache(options), exchange: sharedExchange(options.exchange ?? exchange) };
  const results = await Promise.all(
    list.map(async (engine, i) => {
      const repeatsSideEffects = i > 0 && input.sendActual === true;
      const outcome = await runProbe({ ...input, engine, ...(repeatsSideEffects ? { sendActual: false } : {}) }, shared);
      if (outcome.kind === "refused") return { engine, outcome, result: null };
      const { result } = outcome;
      return {
        engine,
        outcome,
        result: repeatsSideEffects
          ? { ...result, warnings: [...result.warnings, `The actual ${input.method} request was sent once (for ${engineProfile(list[0]).name}), not again for ${engineProfile(engine).name}.`] }
          : result,
      };
    }),
  );
  // The URL and its addresses are checked the same way for every engine: one refusal refuses them all.
  const refused = results.find((r) => r.outcome.kind === "refused");
  if (refused?.outcome.kind === "refused") return refused.outcome;
  const answeredRuns = results.flatMap(({ engine, outcome, result }) => (result === null ? [] : [{ engine, outcome, result }]));
  const verdicts: EngineVerdict[] = answeredRuns.map(({ engine, result }) => {
    const profile = engineProfile(engine);
    return {
      engine,
      name: profile.name,
      verification: profile.verification,
      verdict: result.verdict,
      stage: result.stage,
      failure: result.failure,
      warnings: result.warnings,
    };
  });
  const asOutcome = (r: ProbeResult): EngineOutcome => ({ verdict: r.verdict, ...(r.stage === null ? {} : { stage: r.stage }), departures: (r.departures ?? []).filter(isEngineRule) });
  const differences = explainEngineDifference(Object.fromEntries(answeredRuns.map(({ engine, result }) => [engine, asOutcome(result)])));
  const main = answeredRuns[0];
  if (main === undefined) throw new Error("no engine to probe");
  const result: ProbeAnswer = {
    ...main.result,
    engines: verdicts,
    engineDifferences: differences.map(({ departure }) => ({
      rule: departure.id,
      title: departure.title,
      standard: departure.standard,
      standardSource: departure.standardSource,
      engines: Object.fromEntries(list.map((e) => [e, departure.engines[e]])),
    })),
  };
  return main.outcome.kind === "unreachable" ? { kind: "unreachable", cause: main.outcome.cause, result } : { kind: "answered", result };
}

/** `send`, with identical requests (same target address, method and headers) sent once and their answer shared. */
function sharedExchange(send: (req: ExchangeRequest) => Promise<ExchangeResult>): (req: ExchangeRequest) => Promise<ExchangeResult> {
  const sent = new Map<string, Promise<ExchangeResult>>();
  return (req) => {
    const headers = Object.entries(req.headers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const key = JSON.stringify([req.target.url.href, req.target.address.address, req.target.port, req.method, headers]);
    let answer = sent.get(key);
    if (answer === undefined) {
      answer = send(req);
      sent.set(key, answer);
    }
    return answer;
  };
}
