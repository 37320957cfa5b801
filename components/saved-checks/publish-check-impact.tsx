"use client";
import { useState } from "react";
import { engineListLabel } from "@/lib/api/schemas/engines";
import { PREFLIGHT_ONLY_LABEL, type SavedCheckPrediction } from "@/lib/api/schemas/saved-check";
import { useSavedCheckPredictions, type PredictionTarget } from "@/lib/queries/saved-checks";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { Alert } from "@/components/ui/states";
import { requestSummary } from "./check-text";

/**
 * The saved checks that would break when `target` goes live — the saved
 * draft (publish), a change request's content (approval), an old version's
 * (rollback) — predicted with the core against the live version (nothing is
 * sent). `mustConfirm` stays true until the person ticks the "… anyway" box;
 * with no saved checks, or none broken, nothing is shown and nothing is asked.
 */
export function useCheckImpact(project: string, environment: string, target: PredictionTarget, enabled: boolean) {
  const predictions = useSavedCheckPredictions(project, environment, target, enabled);
  const [confirmed, setConfirmed] = useState(false);
  const breaking = predictions.data?.predictions.filter((p) => p.impact === "breaks") ?? [];
  const stillFailing = predictions.data?.predictions.filter((p) => p.impact === "still-failing") ?? [];
  return {
    breaking,
    stillFailing,
    confirmed,
    setConfirmed,
    /** Wait for the prediction (a few ms) so nobody goes live past an unseen warning; a failed prediction never blocks. */
    mustConfirm: enabled && (predictions.isPending || (breaking.length > 0 && !confirmed)),
  };
}

export type CheckImpact = ReturnType<typeof useCheckImpact>;

/** The publish dialog's impact: the saved draft at `revision`. */
export function usePublishCheckImpact(project: string, environment: string, revision: number, enabled: boolean): CheckImpact {
  return useCheckImpact(project, environment, { kind: "draft", revision }, enabled);
}

const WORDING = {
  publish: { action: "This publish", with: "this draft", confirm: "Publish anyway" },
  approve: { action: "Approving this change", with: "this change", confirm: "Approve anyway" },
  rollback: { action: "This rollback", with: "the old version", confirm: "Roll back anyway" },
} as const;

export function PublishCheckImpact({ impact, action = "publish" }: { impact: CheckImpact; action?: keyof typeof WORDING }) {
  const { breaking, stillFailing, confirmed, setConfirmed } = impact;
  const words = WORDING[action];
  if (breaking.length === 0 && stillFailing.length === 0) return null;
  return (
    <section aria-label="Saved checks this change affects" className="flex min-w-0 flex-col gap-2" data-testid="publish-check-impact">
      {breaking.length > 0 ? (
        <Alert tone="warning">
          <p className="font-medium">
            {words.action} would break {breaking.length === 1 ? "1 saved check" : `${breaking.length} saved checks`}: the live version&apos;s allowlist meets {breaking.length === 1 ? "its" : "their"} expectation, {words.with}&apos;s would not.
          </p>
          <p className="text-xs">Predicted from the two policies, as a service running them would answer — nothing was sent. The checks&apos; real runs against the service are on the environment page.</p>
          <ul className="mt-2 flex flex-col gap-2">
            {breaking.map((p) => (
              <BrokenCheck key={p.id} prediction={p} with={words.with} />
            ))}
          </ul>
          <CheckboxField className="mt-3" label={words.confirm} checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
        </Alert>
      ) : null}
      {stillFailing.length > 0 ? (
        <p className="break-words text-xs text-slate-700">
          By the allowlists (before and after this change), these checks don&apos;t meet their expectation: {stillFailing.map((p) => p.name).join(", ")}. Their real runs can differ when the service doesn&apos;t follow its published policy — see the environment page.
        </p>
      ) : null}
    </section>
  );
}

function BrokenCheck({ prediction: p, with: withWhat }: { prediction: SavedCheckPrediction; with: string }) {
  const failure = p.draft.failure;
  // Required in several engines: the engine the new content fails in, and the engine rule that sets it apart.
  const failedEngine = p.engines.length > 1 ? (p.draft.engines.find((e) => !e.passed) ?? null) : null;
  return (
    <li className="min-w-0 text-sm" data-testid="broken-check">
      <p className="break-words font-medium">{p.name}</p>
      <p className="break-all font-mono text-xs">{requestSummary(p)}</p>
      <p className="text-xs">
        Expected {p.expect}; with {withWhat} the browser would {p.draft.verdict === "allowed" ? "allow it" : `block it${p.draft.stage ? ` at the ${p.draft.stage === "preflight" ? "preflight" : "actual request"}` : ""}`}.
      </p>
      {failedEngine ? (
        <p className="break-words text-xs" data-testid="broken-check-engine">
          Must pass in {engineListLabel(p.engines)}; fails in {failedEngine.name}: {failedEngine.why}
        </p>
      ) : null}
      {p.preflightOnly ? <p className="text-xs italic">Runs of this check: {PREFLIGHT_ONLY_LABEL}.</p> : null}
      {p.draft.policyReason ? <p className="break-words text-xs">Why: {p.draft.policyReason.message}</p> : null}
      {failure ? (
        <p className="break-words text-xs">
          Browser: <span className="font-mono">{failure.rule}</span> — {failure.message} <span className="font-semibold">Fix:</span> {failure.fix}
        </p>
      ) : null}
    </li>
  );
}
