import { Badge } from "@/components/ui/badge";
import type { ProbeResultDoc } from "@/lib/api/schemas/probe";

const OUTCOME_TONE = { pass: "green", fail: "red", skip: "neutral" } as const;

/** The simulator's steps in order; the failed one is highlighted with the failure's message and fix. */
export function ProbeSteps({ result }: { result: ProbeResultDoc }) {
  return (
    <ol className="flex flex-col gap-2" aria-label="Simulator steps">
      {result.steps.map((step, i) => {
        const failed = step.outcome === "fail";
        return (
          <li
            key={`${step.id}-${i}`}
            data-testid={failed ? "failed-step" : "step"}
            data-outcome={step.outcome}
            className={`rounded-md border px-3 py-2 text-sm ${failed ? "border-red-300 bg-red-50" : "border-slate-200"}`}
          >
            <div className="flex flex-wrap items-start justify-between gap-2">
              <p className={`min-w-0 break-words font-medium ${failed ? "text-red-900" : step.outcome === "skip" ? "text-slate-500" : "text-slate-900"}`}>
                {i + 1}. {step.title}
              </p>
              <Badge tone={OUTCOME_TONE[step.outcome]}>{step.outcome}</Badge>
            </div>
            {step.detail ? <p className="mt-1 break-words text-slate-700">{step.detail}</p> : null}
            {step.values && Object.keys(step.values).length > 0 ? (
              <dl className="mt-1 grid grid-cols-1 gap-y-0.5 font-mono text-xs text-slate-700 sm:grid-cols-[minmax(0,auto)_minmax(0,1fr)] sm:gap-x-3">
                {Object.entries(step.values).map(([k, v]) => (
                  <div key={k} className="contents">
                    <dt className="text-slate-500">{k}</dt>
                    <dd className="break-all">{v || "(empty)"}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
            {failed && result.failure ? (
              <div className="mt-2 rounded border border-red-200 bg-white px-2 py-1.5">
                {result.failure.message !== step.detail ? (
                  <p className="break-words text-red-900" data-testid="failure-message">
                    {result.failure.message}
                  </p>
                ) : null}
                {result.failure.fix ? (
                  <p className="break-words text-slate-800" data-testid="failure-fix">
                    <span className="font-medium">Fix: </span>
                    {result.failure.fix}
                  </p>
                ) : null}
              </div>
            ) : null}
            {step.spec ? (
              <a href={step.spec} target="_blank" rel="noreferrer" className="mt-1 inline-block text-xs text-indigo-700 underline">
                Fetch Standard
              </a>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
