"use client";
import { useState } from "react";
import type { SavedCheckPrediction } from "@/lib/api/schemas/saved-check";
import { useSavedCheckPredictions } from "@/lib/queries/saved-checks";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { Alert } from "@/components/ui/states";
import { requestSummary } from "./check-text";

/**
 * The saved checks a publish would break, predicted against the saved draft
 * at `revision` with the core (nothing is sent). `mustConfirm` stays true
 * until the publisher ticks "Publish anyway"; with no saved checks, or none
 * broken, nothing is shown and nothing is asked.
 */
export function usePublishCheckImpact(project: string, environment: string, revision: number, enabled: boolean) {
  const predictions = useSavedCheckPredictions(project, environment, revision, enabled);
  const [confirmed, setConfirmed] = useState(false);
  const breaking = predictions.data?.predictions.filter((p) => p.impact === "breaks") ?? [];
  const stillFailing = predictions.data?.predictions.filter((p) => p.impact === "still-failing") ?? [];
  return {
    breaking,
    stillFailing,
    confirmed,
    setConfirmed,
    /** Wait for the prediction (a few ms) so nobody publishes past an unseen warning; a failed prediction never blocks. */
    mustConfirm: enabled && (predictions.isPending || (breaking.length > 0 && !confirmed)),
  };
}

export function PublishCheckImpact({ impact }: { impact: ReturnType<typeof usePublishCheckImpact> }) {
  const { breaking, stillFailing, confirmed, setConfirmed } = impact;
  if (breaking.length === 0 && stillFailing.length === 0) return null;
  return (
    <section aria-label="Saved checks this publish affects" className="flex flex-col gap-2" data-testid="publish-check-impact">
      {breaking.length > 0 ? (
        <Alert tone="warning">
          <p className="font-medium">
            This publish would break {breaking.length === 1 ? "1 saved check" : `${breaking.length} saved checks`}: {breaking.length === 1 ? "it passes" : "they pass"} with the live version, not with this draft.
          </p>
          <ul className="mt-2 flex flex-col gap-2">
            {breaking.map((p) => (
              <BrokenCheck key={p.id} prediction={p} />
            ))}
          </ul>
          <CheckboxField className="mt-3" label="Publish anyway" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
        </Alert>
      ) : null}
      {stillFailing.length > 0 ? (
        <p className="text-xs text-slate-700">
          Already failing, and still failing after this publish: {stillFailing.map((p) => p.name).join(", ")}.
        </p>
      ) : null}
    </section>
  );
}

function BrokenCheck({ prediction: p }: { prediction: SavedCheckPrediction }) {
  const failure = p.draft.failure;
  return (
    <li className="min-w-0 text-sm" data-testid="broken-check">
      <p className="break-words font-medium">{p.name}</p>
      <p className="break-all font-mono text-xs">{requestSummary(p)}</p>
      <p className="text-xs">
        Expected {p.expect}; with this draft the browser would {p.draft.verdict === "allowed" ? "allow it" : `block it${p.draft.stage ? ` at the ${p.draft.stage === "preflight" ? "preflight" : "actual request"}` : ""}`}.
      </p>
      {p.draft.policyReason ? <p className="break-words text-xs">Why: {p.draft.policyReason.message}</p> : null}
      {failure ? (
        <p className="break-words text-xs">
          Browser: <span className="font-mono">{failure.rule}</span> — {failure.message} <span className="font-semibold">Fix:</span> {failure.fix}
        </p>
      ) : null}
    </li>
  );
}
