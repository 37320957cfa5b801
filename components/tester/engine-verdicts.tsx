import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { ProbeResultDoc } from "@/lib/api/schemas/probe";
import type { Engine } from "@/lib/cors/simulate/engines";

type EngineVerdictDoc = NonNullable<ProbeResultDoc["engines"]>[number];

/** The engine of the browser running this page, from its user agent (Firefox, Safari's WebKit, else Chromium). */
export function currentBrowserEngine(userAgent: string): Engine {
  if (/\bFirefox\//.test(userAgent)) return "firefox";
  if (/AppleWebKit\//.test(userAgent) && !/\b(Chrome|Chromium|Edg)\//.test(userAgent)) return "webkit";
  return "chromium";
}

/**
 * The probe's result as `engine` decides it: the main result with that
 * engine's verdict, stage and failure (for comparing a browser's own outcome
 * with the engine it runs on).
 */
export function probeResultFor(result: ProbeResultDoc, engine: Engine): ProbeResultDoc {
  const own = result.engines?.find((e) => e.engine === engine);
  return own === undefined ? result : { ...result, verdict: own.verdict, stage: own.stage, failure: own.failure };
}

function verdictLabel(v: EngineVerdictDoc): string {
  if (v.verdict === "allowed") return "allowed";
  return v.stage === "preflight" ? "blocked at the preflight" : v.stage === "actual" ? "blocked at the response" : "blocked";
}

/**
 * The verdict in each browser engine, side by side, and — when they differ —
 * which of the engines' departures from the Fetch Standard makes the
 * difference, with each engine's behaviour and its source.
 */
export function EngineVerdicts({ result, browserEngine }: { result: ProbeResultDoc; browserEngine?: Engine }) {
  const engines = result.engines ?? [];
  if (engines.length === 0) return null;
  const differences = result.engineDifferences ?? [];
  const differ = new Set(engines.map((e) => `${e.verdict}/${e.stage ?? ""}`)).size > 1;
  return (
    <Card title="Verdict per browser engine" className="min-w-0">
      <div className="flex flex-col gap-3" data-testid="engine-verdicts" data-differ={differ ? "true" : "false"}>
        <ul className={`grid gap-3 ${engines.length > 1 ? "sm:grid-cols-3" : ""}`}>
          {engines.map((e) => (
            <li
              key={e.engine}
              className={`min-w-0 rounded border p-3 ${e.verdict === "allowed" ? "border-green-200 bg-green-50/40" : "border-red-200 bg-red-50/40"}`}
              data-testid={`engine-${e.engine}`}
              data-verdict={e.verdict}
              data-stage={e.stage ?? ""}
            >
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="text-sm font-semibold text-slate-900">
                  {e.name}
                  {browserEngine === e.engine ? <span className="ml-1 text-xs font-normal text-slate-600">(this browser)</span> : null}
                </span>
                <Badge tone={e.verdict === "allowed" ? "green" : "red"}>{verdictLabel(e)}</Badge>
              </div>
              <p className="mt-1 text-xs text-slate-600">{e.verification === "modelled" ? "Modelled, not run here (from the engine's source)." : "Checked against the real browser by Corsboard's test suite."}</p>
              {e.failure ? <p className="mt-2 break-words text-xs text-slate-800">{e.failure.message}</p> : null}
            </li>
          ))}
        </ul>
        {differ ? (
          <div className="rounded border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="engine-differences">
            <p className="font-semibold text-amber-950">The engines disagree{differences.length > 0 ? ` — ${differences.length === 1 ? "this rule differs" : "these rules differ"}:` : "."}</p>
            {differences.length === 0 ? <p className="mt-1 text-amber-950">No single engine rule explains it; compare the steps of each engine&apos;s run.</p> : null}
            <ul className="mt-2 flex flex-col gap-3">
              {differences.map((d) => (
                <li key={d.rule} data-testid={`engine-rule-${d.rule}`}>
                  <p className="font-medium text-slate-900">{d.title}</p>
                  <p className="mt-0.5 text-xs text-slate-700">
                    Fetch Standard: {d.standard}{" "}
                    <a className="text-indigo-700 underline" href={d.standardSource} target="_blank" rel="noreferrer">
                      spec
                    </a>
                  </p>
                  <ul className="mt-1 list-disc space-y-0.5 pl-5 text-xs text-slate-800">
                    {engines.map((e) => {
                      const b = d.engines[e.engine];
                      return b ? (
                        <li key={e.engine} className="break-words">
                          <span className="font-medium">{e.name}:</span> {b.behaviour}{" "}
                          <a className="break-all text-indigo-700 underline" href={b.source.split(" ")[0]} target="_blank" rel="noreferrer">
                            source
                          </a>
                        </li>
                      ) : null;
                    })}
                  </ul>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
