import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Alert, Loading } from "@/components/ui/states";
import type { BrowserOutcome } from "@/lib/api/schemas/probe-record";
import { EngineVerdicts, currentBrowserEngine, probeResultFor } from "./engine-verdicts";
import { compareOutcomes, explainBrowser, explainProbe } from "./explain-outcome";
import { ProbeSteps } from "./probe-steps";
import { RawExchange } from "./raw-exchange";
import type { ProbeState, TesterRun } from "./tester-run";

function VerdictBadge({ verdict }: { verdict: "allowed" | "blocked" }) {
  return <Badge tone={verdict === "allowed" ? "green" : "red"}>{verdict}</Badge>;
}

/**
 * `reportedBy`: the run was saved by someone — its browser part is what their
 * browser reported, which Corsboard can't verify (the probe part is signed).
 */
function BrowserCard({ browser, reportedBy }: { browser: BrowserOutcome | null; reportedBy?: string }) {
  return (
    <Card title={reportedBy ? `Reported by ${reportedBy}'s browser` : "This browser"} actions={browser && browser.outcome !== "not-run" ? <VerdictBadge verdict={browser.outcome} /> : null} className="min-w-0">
      {!browser ? (
        <Loading label="Waiting for the browser…" />
      ) : (
        <div className="flex flex-col gap-2 text-sm" data-testid="browser-outcome" data-outcome={browser.outcome}>
          <p className="break-words text-slate-800">{explainBrowser(browser)}</p>
          {reportedBy ? (
            <p className="break-words text-xs text-slate-600" data-testid="browser-unverified">
              As reported by {reportedBy}&apos;s browser when the result was saved; Corsboard can&apos;t verify this part. The server probe&apos;s result below is what Corsboard saw.
            </p>
          ) : null}
          <p className="text-xs text-slate-600">
            From <span className="break-all font-mono">{browser.pageOrigin}</span> in {browser.durationMs} ms
          </p>
          {browser.outcome === "blocked" ? (
            <p className="break-words rounded bg-red-50 px-2 py-1 font-mono text-xs text-red-900" data-testid="browser-error">
              {browser.error}
            </p>
          ) : null}
          {browser.exposedHeaders ? (
            <div>
              <p className="text-xs font-medium text-slate-700">Response headers readable from JavaScript</p>
              <dl className="mt-1 grid grid-cols-1 gap-y-0.5 font-mono text-xs sm:grid-cols-[minmax(0,12rem)_minmax(0,1fr)] sm:gap-x-3">
                {Object.entries(browser.exposedHeaders).map(([name, value]) => (
                  <div key={name} className="contents">
                    <dt className="break-all text-slate-500">{name}</dt>
                    <dd className="break-all">{value}</dd>
                  </div>
                ))}
              </dl>
            </div>
          ) : null}
        </div>
      )}
    </Card>
  );
}

function ProbeCard({ probe, request, browser }: { probe: ProbeState; request: TesterRun["request"]; browser: BrowserOutcome | null }) {
  const verdict = probe.status === "done" ? probe.result.verdict : null;
  return (
    <Card title={`Server probe as ${request.origin}`} actions={verdict ? <VerdictBadge verdict={verdict} /> : null} className="min-w-0">
      {probe.status === "pending" ? <Loading label="Probing from the server…" /> : null}
      {probe.status === "refused" ? (
        <div data-testid="probe-refused">
          <Alert tone="error">
            <p className="font-medium">
              {probe.httpStatus ? `The server probe was refused (${probe.httpStatus}${probe.code ? ` ${probe.code}` : ""}).` : "The server probe did not run."}
            </p>
            <p className="mt-1 break-words">{probe.message}</p>
          </Alert>
        </div>
      ) : null}
      {probe.status === "done" ? (
        <div className="flex flex-col gap-3" data-testid="probe-result" data-verdict={probe.result.verdict} data-stage={probe.result.stage ?? ""}>
          <p className={`break-words text-sm font-medium ${probe.result.verdict === "allowed" ? "text-green-900" : "text-red-900"}`} data-testid="probe-headline">
            {explainProbe(probe.result, request, browser?.outcome)}
          </p>
          {probe.result.warnings.length > 0 ? (
            <Alert tone="warning">
              <ul className="list-disc space-y-1 pl-4" aria-label="Warnings">
                {probe.result.warnings.map((w) => (
                  <li key={w} className="break-words">
                    {w}
                  </li>
                ))}
              </ul>
            </Alert>
          ) : null}
          <ProbeSteps result={probe.result} />
          <RawExchange result={probe.result} />
        </div>
      ) : null}
    </Card>
  );
}

/** A run's outcome: the agreement callout, then the browser's and the probe's results side by side. `reportedBy`: who saved it (saved runs). */
export function RunResult({ run, reportedBy }: { run: TesterRun; reportedBy?: string }) {
  // A live run compares this browser with the probe's verdict for this browser's engine (saved runs: Chromium's, the main one).
  const browserEngine = reportedBy === undefined && typeof navigator !== "undefined" ? currentBrowserEngine(navigator.userAgent) : undefined;
  const probeResult = run.probe.status === "done" ? (browserEngine ? probeResultFor(run.probe.result, browserEngine) : run.probe.result) : null;
  const agreement = run.browser && run.probe.status !== "pending" ? compareOutcomes(run.browser, probeResult, { credentials: run.request.browserCredentials, browserCache: run.request.browserCache }) : null;
  return (
    <div className="flex flex-col gap-4" data-testid="run-result">
      {agreement?.kind === "agree" ? <Alert tone="success">{agreement.title}</Alert> : null}
      {agreement?.kind === "incomplete" ? <Alert tone="info">{agreement.title}</Alert> : null}
      {agreement?.kind === "disagree" ? (
        <div data-testid="disagreement">
          <Alert tone="warning">
            <p className="font-semibold">{agreement.title}</p>
            <p className="mt-1 break-words">{agreement.explanation}</p>
            <p className="mt-2 font-medium">Likely causes</p>
            <ul className="mt-1 list-disc space-y-1 pl-4">
              {agreement.causes.map((c) => (
                <li key={c} className="break-words">
                  {c}
                </li>
              ))}
            </ul>
          </Alert>
        </div>
      ) : null}
      <div className={`grid min-w-0 items-start gap-4 ${run.mode === "browser" ? "lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]" : ""}`}>
        {run.mode === "browser" ? <BrowserCard browser={run.browser} reportedBy={reportedBy} /> : null}
        <ProbeCard probe={run.probe} request={run.request} browser={run.browser} />
      </div>
      {run.probe.status === "done" ? <EngineVerdicts result={run.probe.result} browserEngine={browserEngine} /> : null}
    </div>
  );
}
