"use client";
import { checksPreflightOnly, PREFLIGHT_ONLY_LABEL, type SavedCheck } from "@/lib/api/schemas/saved-check";
import { RelativeTime } from "@/components/ui/relative-time";
import { Badge } from "@/components/ui/badge";

const TRIGGER_LABELS = { manual: "run by hand", publish: "after publish", api: "from the API" } as const;
const STEP_MARK = { pass: "✓", fail: "✗", skip: "·" } as const;

/** The last run of a check: pass/fail, verdict, when, why it ran, on which version; the failure and the steps on demand. */
export function SavedCheckResult({ check }: { check: SavedCheck }) {
  const run = check.lastRun;
  if (!run) return <p className="text-xs text-slate-600">Not run yet.</p>;
  // The engine that failed the check (when it must pass in several): its failure, not the main result's.
  const failedEngine = run.engines.length > 1 ? (run.engines.find((e) => !e.passed) ?? null) : null;
  const failure = failedEngine ? (run.result?.engines?.find((e) => e.engine === failedEngine.engine)?.failure ?? null) : (run.result?.failure ?? null);
  const got = run.verdict === "error" ? "could not be probed" : run.verdict;
  return (
    <div className="flex min-w-0 flex-col gap-1" data-testid="check-result">
      <p className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-700">
        {run.passed ? <Badge tone="green">pass</Badge> : <Badge tone="red">fail</Badge>}
        <span>
          {got}
          {run.passed ? "" : `, expected ${check.expect}`}
        </span>
        <span aria-hidden>·</span>
        <RelativeTime iso={run.at} className="whitespace-nowrap" />
        <span aria-hidden>·</span>
        <span>{TRIGGER_LABELS[run.trigger]}</span>
        <span aria-hidden>·</span>
        <span>{run.version === null ? "nothing published" : `v${run.version}`}</span>
      </p>
      {checksPreflightOnly(check.method, check.sendActual) && run.verdict !== "error" ? (
        <p className="text-xs text-amber-800" data-testid="preflight-only">
          {PREFLIGHT_ONLY_LABEL.charAt(0).toUpperCase() + PREFLIGHT_ONLY_LABEL.slice(1)}: a {check.method} request may have side effects, so runs send it only when an editor opts the check in (“Also send the actual {check.method} request”).
        </p>
      ) : null}
      {!run.passed ? (
        <details className="min-w-0 rounded-md border border-red-200 bg-red-50/50 px-3 py-2 text-xs text-slate-800">
          <summary className="cursor-pointer font-medium text-red-900">
            {failedEngine ? `Failed in ${failedEngine.name}: ` : ""}
            {failureSummary(check, run.error, failure)}
          </summary>
          <div className="mt-2 flex flex-col gap-2">
            {failedEngine ? (
              <p className="break-words" data-testid="failed-engine">
                <span className="font-semibold">Why?</span> {failedEngine.why}
                {failedEngine.rule ? <span className="ml-1 font-mono text-[11px] text-slate-600">({failedEngine.rule})</span> : null}
              </p>
            ) : null}
            {run.engines.length > 1 ? (
              <ul className="flex flex-wrap gap-x-3 text-slate-700" aria-label="Verdict per engine">
                {run.engines.map((e) => (
                  <li key={e.engine}>
                    {e.passed ? "✓" : "✗"} {e.name}: {e.verdict}
                  </li>
                ))}
              </ul>
            ) : null}
            {run.error ? <p className="break-words">{run.error}</p> : null}
            {failure ? (
              <>
                <p className="break-words">{failure.message}</p>
                <p className="break-words">
                  <span className="font-semibold">Fix:</span> {failure.fix}
                </p>
                <p className="font-mono text-[11px] text-slate-600">{failure.rule}</p>
              </>
            ) : null}
            {!failure && run.verdict === "allowed" ? (
              <p>The browser lets {check.origin} read the response; this check expects it to stay out. Remove the entry that matches it from the allowlist and publish.</p>
            ) : null}
            {run.result && run.result.steps.length > 0 ? (
              <ol className="flex flex-col gap-1 border-t border-red-200 pt-2" aria-label="Steps">
                {run.result.steps.map((s) => (
                  <li key={s.id} className={`break-words ${s.outcome === "fail" ? "font-semibold text-red-900" : "text-slate-700"}`}>
                    <span aria-hidden>{STEP_MARK[s.outcome]} </span>
                    {/[?:.]$/.test(s.title) ? s.title : `${s.title}:`} {s.detail}
                  </li>
                ))}
              </ol>
            ) : null}
          </div>
        </details>
      ) : null}
    </div>
  );
}

function failureSummary(check: SavedCheck, error: string | null, failure: { message: string } | null): string {
  if (error) return "The target could not be probed";
  if (failure) return `Blocked: ${failure.message.length > 120 ? `${failure.message.slice(0, 117)}…` : failure.message}`;
  return check.expect === "blocked" ? "Allowed, but this origin should be blocked" : "Failed";
}
